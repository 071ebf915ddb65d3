// SPDX-License-Identifier: MIT
// `shm produce`: increment the shared counter, print each value written.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

// The default --widen: long enough that four producers started together on a
// busy two-CPU machine overlap inside the window on every run, short enough that
// 100,000 increments take a tenth of a second.
inline constexpr std::chrono::nanoseconds default_widen{std::chrono::microseconds(1)};

// A producer's summary, as its log lines say it on exit and as the tour reads it
// back for its table (one table instead of every producer's lines).
struct Summary {
  std::uint64_t increments = 0;
  double seconds = 0;
  // Increments of ours that came right after another producer's (the attempts word
  // moved on since our last one): proof that the producers ran at the same time,
  // 0 when they ran one after another.
  std::uint64_t interleaved = 0;
};

// "produced 100,000 increments in 0.152 s (658,000/s, --sync racy --widen 1us);
// last value written: 287,331" and, when interleaved, "interleaved: another
// producer's increment came between two of ours 5,123 times". (The segment's own
// line follows; it is not part of the numbers.)
std::vector<std::string> summary_lines(const Summary& summary, Sync sync, std::chrono::nanoseconds widen,
                                       std::uint64_t last_written);
// Reads one line of a producer's output (with any log prefix) into `summary`;
// false when it is none of summary_lines'.
bool read_summary_line(std::string_view line, Summary& summary);

// "1us", "250ns", "2ms": a duration as --widen and --interval take it.
std::string duration_text(std::chrono::nanoseconds duration);

struct ProduceSettings {
  std::uint64_t count = 0; // 0: until interrupted
  std::chrono::nanoseconds interval{0};
  Sync sync = Sync::racy;
  // A busy wait between the load and the store of each racy increment (and inside
  // the lock with Sync::sem): the window in which increments are lost, made wider.
  std::chrono::nanoseconds widen{0};
  std::string lock_name; // canonical; used with Sync::sem
  // MAP_PRIVATE instead of MAP_SHARED: increments go to our own copy of the page.
  bool private_copy = false;
};

// Runs until `count` increments are done or SIGINT/SIGTERM arrives (then throws
// Interrupted), logging a one-line summary at info level either way.
void produce(const std::string& name, const ProduceSettings& settings);

} // namespace ipcdemo::shm
