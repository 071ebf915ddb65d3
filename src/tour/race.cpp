// SPDX-License-Identifier: MIT
#include "tour/race.hpp"

#include "sys/fd.hpp"

#include "base/error.hpp"
#include "base/signals.hpp"
#include "shm/counter.hpp"
#include "shm/produce.hpp"
#include "tour/child.hpp"
#include "tour/screen.hpp"

#include <poll.h>

#include <fmt/format.h>

#include <cstdio>
#include <memory>

namespace ipcdemo::tour {

namespace {

struct Round {
  std::vector<shm::Summary> summaries; // one a producer, in the order they were started
  bool all_interleaved = true;         // every producer saw another's increment between two of its own
  shm::Tally tally;
};

std::string rate_text(const shm::Summary& summary) {
  if (summary.seconds <= 0) return "-";
  const double rate = static_cast<double>(summary.increments) / summary.seconds;
  return rate >= 1e6 ? fmt::format("{:.2f} M/s", rate / 1e6)
                     : fmt::format("{}/s", shm::grouped(static_cast<std::uint64_t>(rate)));
}

Round run_round(const Race& race, Screen& screen) {
  // Started back to back, before any output is read: together, as far as a
  // process can start others. Whether they really ran at the same time is read
  // from their summaries (interleavings) below.
  std::vector<std::unique_ptr<Child>> children;
  for (int i = 1; i <= race.producers; ++i)
    children.push_back(std::make_unique<Child>(fmt::format("producer {}", i), race.producer, "", true));
  Round round;
  round.summaries.resize(children.size());
  for (;;) {
    std::vector<pollfd> fds;
    std::vector<std::size_t> which;
    for (std::size_t i = 0; i < children.size(); ++i)
      if (!children[i]->eof()) {
        fds.push_back({children[i]->output_fd(), POLLIN, 0});
        which.push_back(i);
      }
    if (fds.empty()) break;
    signals::throw_if_interrupted();
    if (sys::poll(fds, -1) == 0) continue; // a signal that does not end us
    for (std::size_t k = 0; k < fds.size(); ++k) {
      if (fds[k].revents == 0) continue;
      Child& child = *children[which[k]];
      for (const auto& line : child.read_lines()) {
        // The summaries become the table; what the segment said when each ended is
        // read once, below, when none runs any more. Anything else is shown.
        if (shm::read_summary_line(line, round.summaries[which[k]])) continue;
        if (line.find("segment now: ") != std::string::npos) continue;
        if (line.find("created lock semaphore ") != std::string::npos) continue; // the narration says so
        screen.output(line, child.label());
      }
    }
    std::fflush(stdout);
  }
  for (std::size_t i = 0; i < children.size(); ++i) {
    if (const int status = children[i]->wait(); status != 0)
      throw Error(exit_code::failure,
                  fmt::format("tour: {} ended with status {}", children[i]->label(), status));
    if (round.summaries[i].interleaved == 0) round.all_interleaved = false;
  }
  round.tally = shm::Counter::open(race.segment, false).tally();
  return round;
}

void print_table(const Round& round, Screen& screen) {
  screen.line(
      fmt::format("  {:>8}  {:>10}  {:>12}  {:>13}", "producer", "increments", "rate", "interleavings"));
  for (std::size_t i = 0; i < round.summaries.size(); ++i) {
    const auto& summary = round.summaries[i];
    screen.line(fmt::format("  {:>8}  {:>10}  {:>12}  {:>13}", i + 1, shm::grouped(summary.increments),
                            rate_text(summary), shm::grouped(summary.interleaved)));
  }
  screen.line(fmt::format("  => {}", shm::describe(round.tally)));
}

} // namespace

std::vector<std::string> race_command(const Race& race) {
  std::vector<std::string> words = {"for", "i", "in"};
  for (int i = 1; i <= race.producers; ++i)
    words.push_back(std::to_string(i) + (i == race.producers ? ";" : ""));
  words.insert(words.end(), {"do", "ipcdemo"});
  words.insert(words.end(), race.producer.begin(), race.producer.end());
  words.insert(words.end(), {">/dev/null", "&", "done;", "wait"});
  return words;
}

void run_race(const Race& race, Screen& screen) {
  const auto start = std::chrono::steady_clock::now();
  for (int number = 1;; ++number) {
    screen.command(race_command(race));
    const Round round = run_round(race, screen);
    print_table(round, screen);
    const auto lost = round.tally.lost();
    if (!lost) throw Error(exit_code::failure, "tour: the race's segment does not count attempts");
    const bool time_left = std::chrono::steady_clock::now() - start < race.time_cap;
    if (race.until_lost) {
      if (*lost > 0) {
        if (number > 1) screen.note(fmt::format("lost in round {}", number));
        return;
      }
      if (!time_left) {
        screen.note(
            fmt::format("No increment was lost in {} rounds within {} s: the race is real, but "
                        "this machine did not show it this time. A wider --widen makes it likelier.",
                        number, race.time_cap.count()));
        return;
      }
      screen.note("Nothing lost this time: the producers did not collide. Again, on the same segment:");
      continue;
    }
    if (*lost > 0)
      throw Error(exit_code::failure, fmt::format("tour: {} increments lost where none may be: {}", *lost,
                                                  shm::describe(round.tally)));
    if (round.all_interleaved) {
      screen.note(
          "0 lost, and every producer's increments were interleaved with the others': they did "
          "run at the same time");
      return;
    }
    if (!time_left) {
      screen.note(
          fmt::format("0 lost, but the producers did not all run at the same time within {} s: "
                      "this proves little",
                      race.time_cap.count()));
      return;
    }
    screen.note("0 lost, but not every producer ran alongside another: nothing was at stake. Again:");
  }
}

} // namespace ipcdemo::tour
