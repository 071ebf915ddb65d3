// SPDX-License-Identifier: MIT
// What a segment's two words say together: the counter, and how many increments
// were attempted. Their difference is the increments lost to the race.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ipcdemo::shm {

struct Tally {
  std::uint64_t counter = 0;
  // Absent for a segment of fewer than 16 bytes, which has room for the counter only.
  std::optional<std::uint64_t> attempts;

  // attempts - counter when attempts are recorded and not fewer than the counter.
  std::optional<std::uint64_t> lost() const;
};

// 4000000 -> "4,000,000".
std::string grouped(std::uint64_t value);

// "counter 3,397,984 of 4,000,000 attempted: 602,016 lost (15.0%)", or what stands in
// its place when attempts are not recorded, or fewer than the counter (which only a
// writer that does not count its attempts can cause).
std::string describe(const Tally& tally);

// What a reader that may run beside producers says (a producer as it ends, a
// consumer): describe() when the counter has every attempt, else the two numbers
// and where the verdict is: an attempt is counted before its increment, so while
// producers run the difference may be increments still being made, not lost ones.
std::string describe_running(const Tally& tally, std::string_view name);

// `shm info`'s lines: "counter: N", "attempts: N" (or "not recorded ..."), and
// "summary: " + describe(); while `writers` other processes map the segment for
// writing (producers at work) and the counter is behind its attempts, the summary
// says so instead of calling the difference lost.
void print_tally(const Tally& tally, std::size_t writers = 0);

} // namespace ipcdemo::shm
