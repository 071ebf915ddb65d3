// SPDX-License-Identifier: MIT
// `shm consume`: print the shared counter at an interval.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace ipcdemo::shm {

struct ConsumeSettings {
  std::uint64_t count = 0; // lines to print; 0: until interrupted
  std::chrono::nanoseconds interval{0};
  bool changes_only = false; // print a value only when it differs from the last one printed
};

void consume(const std::string& name, const ConsumeSettings& settings);

} // namespace ipcdemo::shm
