// SPDX-License-Identifier: MIT
// `shm produce`: increment the shared counter, print each value written.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace ipcdemo::shm {

// How a producer increments: the lesson of the screenplay's shared memory scene.
enum class Sync {
  racy,   // separate load and store, no lock: concurrent producers lose increments
  atomic, // one atomic fetch-add
  sem,    // a named semaphore of value 1 as a mutex around load and store
};

// The names --sync takes, in the order of Sync.
inline constexpr std::string_view sync_names[] = {"racy", "atomic", "sem"};

Sync parse_sync(std::string_view text);
std::string_view sync_name(Sync sync);

// The lock semaphore's canonical name: `given` (--lock), or when that is empty
// the segment's name with "-lock".
std::string lock_name(std::string_view segment_name, std::string_view given);

// In the summary, before the number of times another producer's attempt came between
// two of ours (said only when it happened): it proves the producers ran at the same
// time. The tour reads it.
inline constexpr std::string_view overlap_marker = "other producers' attempts fell between ours ";

struct ProduceSettings {
  std::uint64_t count = 0; // 0: until interrupted
  std::chrono::nanoseconds interval{0};
  Sync sync = Sync::racy;
  std::string lock_name; // canonical; used with Sync::sem
  // MAP_PRIVATE instead of MAP_SHARED: increments go to our own copy of the page.
  bool private_copy = false;
};

// Runs until `count` increments are done or SIGINT/SIGTERM arrives (then throws
// Interrupted), logging a one-line summary at info level either way.
void produce(const std::string& name, const ProduceSettings& settings);

} // namespace ipcdemo::shm
