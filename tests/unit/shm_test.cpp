// SPDX-License-Identifier: MIT
#include "sys/shm.hpp"
#include "base/error.hpp"
#include "shm/counter.hpp"
#include "shm/produce.hpp"
#include "shm/segment.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

using namespace ipcdemo;

namespace {
// A segment with a name unique to this process and test, removed afterwards.
class Segment : public ::testing::Test {
 protected:
  void SetUp() override {
    name_ = fmt::format("/ipcdemo-unit-{}-{}", ::getpid(),
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  void TearDown() override { ::shm_unlink(name_.c_str()); }
  std::string name_;
};
} // namespace

TEST(ShmSync, ParsesAndNamesEveryMode) {
  for (const char* name : {"racy", "atomic", "sem"}) EXPECT_EQ(shm::sync_name(shm::parse_sync(name)), name);
  // Each name is its own mode (names and modes are two lists in one order).
  EXPECT_EQ(shm::parse_sync("racy"), shm::Sync::racy);
  EXPECT_EQ(shm::parse_sync("atomic"), shm::Sync::atomic);
  EXPECT_EQ(shm::parse_sync("sem"), shm::Sync::sem);
  EXPECT_THROW(shm::parse_sync("locked"), UsageError);
}

TEST(ShmSync, TheDefaultLockIsTheSegmentNameWithLock) {
  EXPECT_EQ(shm::lock_name("/mein-shared-dings", ""), "/mein-shared-dings-lock");
}

TEST(ShmSync, AGivenLockIsMadeCanonical) {
  EXPECT_EQ(shm::lock_name("/mein-shared-dings", "my-lock"), "/my-lock");
}

TEST_F(Segment, CreateGivesTheSizeAndOpensAnExistingOneUnchanged) {
  auto first = shm::create(name_, 4096, 0600, false);
  EXPECT_TRUE(first.created);
  EXPECT_EQ(first.status.st_size, 4096);
  auto second = shm::create(name_, 8192, 0600, false);
  EXPECT_FALSE(second.created);
  EXPECT_EQ(second.status.st_size, 4096) << "an existing segment is not resized";
  try {
    shm::create(name_, 4096, 0600, true);
    FAIL() << "--exclusive must fail on an existing segment";
  } catch (const SysError& error) {
    EXPECT_EQ(error.err(), EEXIST);
    EXPECT_NE(error.hint().find("ipcdemo shm unlink " + name_), std::string::npos);
  }
}

TEST_F(Segment, OpeningAnUnknownSegmentHintsAtCreate) {
  try {
    shm::open(name_, O_RDONLY);
    FAIL();
  } catch (const SysError& error) {
    EXPECT_EQ(error.err(), ENOENT);
    EXPECT_EQ(error.hint(), "create it first with: ipcdemo shm create " + name_);
  }
}

TEST_F(Segment, TheCounterStartsAtZeroAndEveryIncrementIsSeenByAReader) {
  shm::create(name_, 4096, 0600, true);
  auto writer = shm::Counter::open(name_, true);
  const auto reader = shm::Counter::open(name_, false);
  EXPECT_EQ(reader.load(), 0u);
  EXPECT_EQ(writer.racy_increment(), 1u);
  EXPECT_EQ(writer.atomic_increment(), 2u);
  EXPECT_EQ(reader.load(), 2u) << "MAP_SHARED: both mappings are the same pages";
}

TEST_F(Segment, ASegmentShorterThanTheCounterIsAnError) {
  {
    auto created = shm::create(name_, 8, 0600, true);
    sys::ftruncate(created.fd, 4);
  }
  try {
    shm::Counter::open(name_, false);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.exit_code(), exit_code::failure);
    EXPECT_NE(std::string(error.what()).find("has 4 bytes, fewer than the 8-byte counter"),
              std::string::npos);
  }
}

// Attempts are counted before each increment and readers take the counter before
// the attempts: whoever reads, whenever, the counter is never above the attempts.
// Writers and a reader map the segment each on their own, as processes would.
TEST_F(Segment, AReaderNeverSeesTheCounterAboveItsAttempts) {
  shm::create(name_, 4096, 0600, false);
  std::atomic<int> writing{2};
  const auto writer = [this, &writing](bool racy) {
    auto counter = shm::Counter::open(name_, true);
    for (int i = 0; i < 200000; ++i) {
      counter.record_attempt();
      if (racy)
        counter.racy_increment();
      else
        counter.atomic_increment();
    }
    --writing;
  };
  std::thread racy(writer, true);
  std::thread atomic(writer, false);
  const auto reader = shm::Counter::open(name_, false);
  std::uint64_t reads = 0;
  std::uint64_t above = 0;
  while (writing.load() > 0) {
    const auto tally = reader.tally();
    ++reads;
    if (tally.counter > *tally.attempts) ++above;
  }
  racy.join();
  atomic.join();
  EXPECT_EQ(above, 0U) << "of " << reads << " reads";
  const auto last = reader.tally();
  EXPECT_EQ(*last.attempts, 400000U);
  EXPECT_LE(last.counter, *last.attempts);
}

TEST_F(Segment, WidenWaitsBetweenTheLoadAndTheStore) {
  shm::create(name_, 4096, 0600, false);
  auto counter = shm::Counter::open(name_, true);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i) counter.racy_increment(std::chrono::microseconds(500));
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(10));
  EXPECT_EQ(counter.load(), 20U) << "a lone producer loses nothing, however wide the window";
}

TEST(ShmSummary, TheTourReadsBackWhatAProducerSays) {
  const shm::Summary said{.increments = 100000, .seconds = 0.152, .interleaved = 5123};
  const auto lines = shm::summary_lines(said, shm::Sync::racy, std::chrono::microseconds(1), 287331);
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0],
            "produced 100,000 increments in 0.152 s (657,894/s, --sync racy --widen 1us); last value "
            "written: 287,331");
  shm::Summary read;
  for (const auto& line : lines) EXPECT_TRUE(shm::read_summary_line("ipcdemo: info: " + line, read)) << line;
  EXPECT_EQ(read.increments, 100000U);
  EXPECT_DOUBLE_EQ(read.seconds, 0.152);
  EXPECT_EQ(read.interleaved, 5123U);
  EXPECT_FALSE(shm::read_summary_line("ipcdemo: info: segment now: counter 4 of 4 attempted: 0 lost", read));
}

TEST(ShmSummary, AtomicHasNoWindowToWidenAndALoneProducerNoInterleavings) {
  const auto lines = shm::summary_lines({.increments = 1, .seconds = 0.5, .interleaved = 0},
                                        shm::Sync::atomic, std::chrono::microseconds(1), 1);
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_EQ(lines[0], "produced 1 increment in 0.500 s (2/s, --sync atomic); last value written: 1");
}

TEST(ShmSummary, DurationsAreWrittenAsTheOptionsTakeThem) {
  EXPECT_EQ(shm::duration_text(std::chrono::microseconds(1)), "1us");
  EXPECT_EQ(shm::duration_text(std::chrono::nanoseconds(250)), "250ns");
  EXPECT_EQ(shm::duration_text(std::chrono::milliseconds(2)), "2ms");
  EXPECT_EQ(shm::duration_text(std::chrono::seconds(1)), "1s");
  EXPECT_EQ(shm::duration_text(std::chrono::nanoseconds(0)), "0ns");
}
