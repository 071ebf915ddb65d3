// SPDX-License-Identifier: MIT
// The tour's race: several `shm produce` processes started together on one
// segment, their overlap checked, and the segment's counter and attempts read
// afterwards. A racy race is run again, within a time cap, until a loss is seen.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace ipcdemo::tour {

struct Race {
  std::string segment;               // canonical name, created before the race
  std::vector<std::string> producer; // one producer's arguments
  int producers = 4;                 // started together
  bool until_lost = false;           // racy: repeat until a loss is seen
  std::chrono::seconds time_cap{20}; // no new round after this
};

// Prints `command` (the producers' shell line), runs rounds and says what they
// showed. Throws when a producer fails, or when a race that must lose nothing did.
void run_race(const Race& race, const std::string& command);

} // namespace ipcdemo::tour
