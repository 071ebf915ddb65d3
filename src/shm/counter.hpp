// SPDX-License-Identifier: MIT
// The 64-bit counter in the first 8 bytes of a segment, always accessed
// atomically (no torn reads). The three ways to increment it are the lesson:
// a separate load and store loses increments when producers overlap; a single
// atomic fetch-add does not. The next 8 bytes count the increments attempted,
// always with an atomic fetch-add, so that the loss can be counted, not guessed.
//
// Each attempt is counted before the increment it stands for, and every store to
// the counter is a release that carries the attempts counted before it: a reader
// that loads the counter (acquire) and then the attempts sees at least as many
// attempts as increments reached the counter. So counter <= attempts holds for
// every reader, at any moment, also after a producer was killed between its count
// and its store (that increment is then lost: attempted, never made).
//
// Layout (native byte order, 8-byte aligned):
//   offset 0  uint64_t counter   what producers increment, by --sync
//   offset 8  uint64_t attempts  one atomic increment per increment attempted
// A segment of 8 to 15 bytes (made by an older ipcdemo or by hand) has the counter
// only: it works, and its attempts are "not recorded".
#pragma once

#include "shm/segment.hpp"
#include "shm/tally.hpp"
#include "sys/fd.hpp"
#include "sys/mapping.hpp"

#include <sys/stat.h>

#include <chrono>
#include <cstdint>
#include <string>

namespace ipcdemo::shm {

inline constexpr std::size_t counter_size = sizeof(std::uint64_t);
inline constexpr std::size_t attempts_offset = counter_size;
inline constexpr std::size_t layout_size = attempts_offset + sizeof(std::uint64_t);

class Counter {
 public:
  // Opens segment NAME and maps its counter: PROT_READ|PROT_WRITE when `writable`,
  // PROT_READ otherwise, always MAP_SHARED. A segment shorter than the counter is an error.
  static Counter open(const std::string& name, bool writable);
  // The same for a segment already open (the counter keeps its descriptor).
  static Counter map(Opened opened, bool writable);
  // Opens NAME O_RDONLY and maps it PROT_READ|PROT_WRITE, MAP_PRIVATE: writes go to a
  // copy of the page that only this process sees (copy-on-write); the segment and
  // every other process keep the old values.
  static Counter open_private(const std::string& name);

  std::uint64_t load() const;
  // fstat first: a segment shortened below the counter since it was mapped is an
  // error (exit 1), not read as part of a number (bytes past the end of a file
  // read as 0 up to the end of its last page).
  std::uint64_t checked_load() const;
  // Whether the segment has room for the attempts word.
  bool records_attempts() const { return attempts_ != nullptr; }
  // The counter and, when recorded, the attempts.
  Tally tally() const;
  // Counts one increment about to be attempted (atomically, whatever the --sync),
  // before it is made, and returns the attempts before it; 0 always when the
  // segment has no room for them.
  std::uint64_t record_attempt();
  // Read, add one, write back: two separate accesses, as the screenplay's
  // producer does. Between the load and the store it busy-waits `widen` (0: not
  // at all), widening the window in which another producer's store is
  // overwritten. Returns the value written.
  std::uint64_t racy_increment(std::chrono::nanoseconds widen = std::chrono::nanoseconds(0));
  // One atomic read-modify-write. Returns the value written.
  std::uint64_t atomic_increment();

  // The segment as fstat saw it when it was mapped.
  const struct stat& status() const { return status_; }
  // Where the counter is mapped in this process.
  const void* address() const { return value_; }

 private:
  Counter(sys::Fd fd, sys::Mapping mapping, const struct stat& status);
  static Counter map(Opened opened, int prot, int flags);

  sys::Fd fd_;
  sys::Mapping mapping_;
  std::uint64_t* value_ = nullptr;
  std::uint64_t* attempts_ = nullptr;
  struct stat status_ {};
};

} // namespace ipcdemo::shm
