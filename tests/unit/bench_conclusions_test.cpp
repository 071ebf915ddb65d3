// SPDX-License-Identifier: MIT
#include "bench/conclusions.hpp"

#include <gtest/gtest.h>

using namespace ipcdemo::bench;

namespace {

Result result(std::string mechanism, Kind kind, std::string placement, std::string unit, double median,
              std::optional<double> floor_ratio = std::nullopt) {
  return {.mechanism = std::move(mechanism),
          .kind = kind,
          .placement = std::move(placement),
          .unit = std::move(unit),
          .summary = {.median = median, .p10 = median, .p90 = median, .count = 5},
          .floor_ratio = floor_ratio};
}

// A plausible run on an idle two-CPU machine: the figures the conclusions must be made of.
std::vector<Result> idle_run() {
  return {
      result("shm-spin", Kind::round_trip, "split", "ns", 200, 1.0),
      result("sem", Kind::round_trip, "split", "ns", 10'200, 51),
      result("sem-spin", Kind::round_trip, "split", "ns", 1'000, 5),
      result("mq", Kind::round_trip, "split", "ns", 20'000, 100),
      result("shm-spin", Kind::round_trip, "same", "ns", 4'000'000, 1.0),
      result("sem", Kind::round_trip, "same", "ns", 5'100, 0.0013),
      result("mq-stream", Kind::stream, "split", "samples/s", 1e6, 2),
  };
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

} // namespace

TEST(BenchConclusions, ComeFromTheFigures) {
  const auto said = conclusions(idle_run());
  ASSERT_EQ(said.size(), 4U) << joined(said);
  EXPECT_EQ(said[0].rfind("Floor:", 0), 0U);
  EXPECT_NE(said[0].find("200 ns per round trip"), std::string::npos) << said[0];
  // sem-spin (5x) is a spin in user space, not a kernel mechanism: not in the range.
  EXPECT_NE(said[0].find("cost 51x to 100x that"), std::string::npos) << said[0];
  EXPECT_EQ(said[0].find("beat it"), std::string::npos) << said[0];
  // (10.2 µs - 200 ns) / 2: each of the two hand-overs.
  EXPECT_NE(said[1].find("costs about 5.00 µs more than a spin"), std::string::npos) << said[1];
  EXPECT_NE(said[1].find("10x faster"), std::string::npos) << said[1];
  EXPECT_NE(said[2].find("10.2 µs on two CPUs and 5.10 µs on one (2.0x faster on one"), std::string::npos)
      << said[2];
  EXPECT_NE(said[2].find("4.00 ms per round trip, 20000x the two-CPU floor"), std::string::npos) << said[2];
  // 1e6 samples/s queued against 1e9 / 20 µs = 50 k round trips per second.
  EXPECT_NE(said[3].find("1.00 M samples/s one way on two CPUs, 20x the 50.0 k samples/s"), std::string::npos)
      << said[3];
}

TEST(BenchConclusions, SayWhatTheFiguresSayEvenWhenItIsTheOpposite) {
  auto run = idle_run();
  run[1].summary.median = 100; // blocking faster than spinning (a busy machine)
  run[1].floor_ratio = 0.5;
  run[5].summary.median = 50'000; // one CPU slower than two
  run[6].summary.median = 10'000; // the queue slower than a ping-pong
  const auto said = conclusions(run);
  ASSERT_EQ(said.size(), 4U);
  EXPECT_NE(said[0].find("cheaper (0.5x the floor at best)"), std::string::npos) << said[0];
  EXPECT_NE(said[1].find("was no slower than spinning"), std::string::npos) << said[1];
  EXPECT_NE(said[2].find("slower on one"), std::string::npos) << said[2];
  EXPECT_NE(said[3].find("queueing did not pay here"), std::string::npos) << said[3];
}

TEST(BenchConclusions, APolledSemaphoreBelowTheFloorIsCalledASpinNotBlamedOnLoad) {
  auto run = idle_run();
  run[2].summary.median = 95; // sem-spin under the 200 ns floor, as on a quiet EPYC
  run[2].floor_ratio = 0.475;
  const auto said = conclusions(run);
  ASSERT_FALSE(said.empty());
  EXPECT_NE(said[0].find("cost 51x to 100x that"), std::string::npos) << said[0];
  EXPECT_EQ(said[0].find("cheaper"), std::string::npos) << said[0];
  EXPECT_NE(said[0].find("Polling a semaphore (sem-spin, 95.0 ns) beat it"), std::string::npos) << said[0];
}

TEST(BenchConclusions, LeaveOutWhatWasNotMeasured) {
  EXPECT_TRUE(conclusions({}).empty());
  const auto only_one = conclusions({result("mq", Kind::round_trip, "any", "ns", 20'000)});
  EXPECT_TRUE(only_one.empty());
  auto run = idle_run();
  run.erase(run.begin() + 4, run.begin() + 6); // no one-CPU figures: no placement conclusion
  const auto said = conclusions(run);
  ASSERT_EQ(said.size(), 3U);
  for (const auto& line : said) EXPECT_EQ(line.find("Placement"), std::string::npos);
}

TEST(BenchConclusions, WrapUnderAHeadingKeepingFiguresWithTheirUnits) {
  const std::string text = format_conclusions(conclusions(idle_run()));
  EXPECT_EQ(text.rfind("\nWhat these figures say (this machine, this run):\n  - Floor:", 0), 0U) << text;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end - start);
    EXPECT_LE(line.size(), 101U) << line; // "µ" is two bytes
    EXPECT_FALSE(line.starts_with("    µs") || line.starts_with("    ns")) << line;
    start = end + 1;
  }
  EXPECT_EQ(format_conclusions({}), "");
}

TEST(BenchConclusions, NameTheCheapestAtEachSizeOverallAndAmongThoseThatSleep) {
  const auto at = [](Result r, std::size_t size, Family family) {
    r.size = size;
    r.family = family;
    return r;
  };
  std::vector<Result> run = {
      at(result("shm-spin", Kind::round_trip, "split", "ns", 200, 1.0), 24, Family::spin),
      at(result("futex", Kind::round_trip, "split", "ns", 3'000), 0, Family::futex),
      // Cheaper than the futex, but it spins first: not among those that sleep.
      at(result("sem-spin", Kind::round_trip, "split", "ns", 1'000), 0, Family::futex),
      at(result("unix", Kind::round_trip, "split", "ns", 5'000), 24, Family::socket),
      at(result("shm-spin", Kind::round_trip, "split", "ns", 900, 1.0), 65536, Family::spin),
      at(result("unix", Kind::round_trip, "split", "ns", 30'000), 65536, Family::socket),
      at(result("pipe", Kind::round_trip, "split", "ns", 20'000), 65536, Family::pipe),
      at(result("pipe-stream", Kind::stream, "split", "messages/s", 50'000), 65536, Family::pipe),
      at(result("unix-stream", Kind::stream, "split", "messages/s", 70'000), 65536, Family::socket),
  };
  Result capped = at(result("mq", Kind::round_trip, "split", "ns", 1), 65536, Family::kernel_object);
  capped.skipped = "msgsize_max is 8192"; // never the cheapest: it did not run
  run.push_back(capped);
  const auto said = conclusions(run);
  const std::string text = joined(said);
  // A row with no payload (the futex, size 0) competes at the smallest size.
  EXPECT_NE(text.find("Cheapest at 24 B on two CPUs: lowest latency shm-spin (200 ns), of those that sleep "
                      "futex (3.00 µs)."),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Cheapest at 64 KiB on two CPUs: lowest latency shm-spin (900 ns), of those that sleep "
                      "pipe (20.0 µs); highest throughput unix-stream (70.0 k/s)."),
            std::string::npos)
      << text;
}
