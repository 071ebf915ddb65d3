// SPDX-License-Identifier: MIT
// The tour's race: several `shm produce` processes started together on one
// segment, summed up in one table (increments, rate, interleavings: whether they
// really ran at the same time), and the segment's counter and attempts read
// afterwards. A racy race is run again, within a time cap, until a loss is seen.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace ipcdemo::tour {

class Screen;

struct Race {
  std::string segment;               // canonical name, created before the race
  std::vector<std::string> producer; // one producer's arguments
  int producers = 4;                 // started together
  bool until_lost = false;           // racy: repeat until a loss is seen
  std::chrono::seconds time_cap{20}; // no new round after this
};

// The shell line that starts the producers together, as words:
// for i in 1 2 3 4; do ipcdemo ARGS >/dev/null & done; wait
std::vector<std::string> race_command(const Race& race);

// Prints race_command, runs rounds and says what they showed. Throws when a
// producer fails, or when a race that must lose nothing did.
void run_race(const Race& race, Screen& screen);

} // namespace ipcdemo::tour
