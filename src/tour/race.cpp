// SPDX-License-Identifier: MIT
#include "tour/race.hpp"

#include "sys/fd.hpp"

#include "base/error.hpp"
#include "base/signals.hpp"
#include "shm/counter.hpp"
#include "shm/produce.hpp"
#include "tour/child.hpp"

#include <poll.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <memory>

namespace ipcdemo::tour {

namespace {

struct Round {
  bool all_overlapped = true; // every producer saw another's attempt between two of its own
  shm::Tally tally;
};

// The count after shm::overlap_marker in a producer's summary, or -1 when absent.
long long overlaps_in(const std::string& line) {
  const auto at = line.find(shm::overlap_marker);
  if (at == std::string::npos) return -1;
  return std::strtoll(line.c_str() + at + shm::overlap_marker.size(), nullptr, 10);
}

Round run_round(const Race& race) {
  // Started back to back, before any output is read: together, as far as a
  // process can start others. Whether they really overlapped is checked below.
  std::vector<std::unique_ptr<Child>> children;
  for (int i = 1; i <= race.producers; ++i)
    children.push_back(std::make_unique<Child>(fmt::format("producer-{}", i), race.producer, "", true));
  std::vector<long long> overlaps(children.size(), -1);
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
        fmt::print("  {:>10} | {}\n", child.label(), line);
        if (const long long seen = overlaps_in(line); seen >= 0) overlaps[which[k]] = seen;
      }
    }
    std::fflush(stdout);
  }
  Round round;
  for (std::size_t i = 0; i < children.size(); ++i) {
    if (const int status = children[i]->wait(); status != 0)
      throw Error(exit_code::failure,
                  fmt::format("tour: {} ended with status {}", children[i]->label(), status));
    if (overlaps[i] <= 0) round.all_overlapped = false;
  }
  round.tally = shm::Counter::open(race.segment, false).tally();
  return round;
}

} // namespace

void run_race(const Race& race, const std::string& command) {
  const auto start = std::chrono::steady_clock::now();
  for (int number = 1;; ++number) {
    fmt::print("{}\n", command);
    std::fflush(stdout);
    const Round round = run_round(race);
    fmt::print("  => {}\n", shm::describe(round.tally));
    const auto lost = round.tally.lost();
    if (!lost) throw Error(exit_code::failure, "tour: the race's segment does not count attempts");
    const bool time_left = std::chrono::steady_clock::now() - start < race.time_cap;
    if (race.until_lost) {
      if (*lost > 0) {
        fmt::print("  ({} increment{} lost{})\n", shm::grouped(*lost), *lost == 1 ? "" : "s",
                   number == 1 ? "" : fmt::format(", seen in round {}", number));
        return;
      }
      if (!time_left) {
        fmt::print(
            "  (No increment was lost in {} rounds within {} s: the race is real, but this machine\n"
            "   did not show it this time. More producers, or a larger --count, make it likelier.)\n",
            number, race.time_cap.count());
        return;
      }
      fmt::print("  (Nothing lost this time: the producers did not collide. Again, on the same segment:)\n");
      continue;
    }
    if (*lost > 0)
      throw Error(exit_code::failure, fmt::format("tour: {} increments lost where none may be: {}", *lost,
                                                  shm::describe(round.tally)));
    if (round.all_overlapped) {
      fmt::print(
          "  (0 lost, and every producer saw the others' attempts between its own: they did run\n"
          "   at the same time)\n");
      return;
    }
    if (!time_left) {
      fmt::print("  (0 lost, but the producers did not all overlap within {} s: this proves little)\n",
                 race.time_cap.count());
      return;
    }
    fmt::print("  (0 lost, but not every producer overlapped another: nothing was at stake. Again:)\n");
  }
}

} // namespace ipcdemo::tour
