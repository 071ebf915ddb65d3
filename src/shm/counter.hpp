// The 64-bit counter in the first 8 bytes of a segment, always accessed
// atomically (no torn reads). The three ways to increment it are the lesson:
// a separate load and store loses increments when producers overlap; a single
// atomic fetch-add does not.
#pragma once

#include "shm/segment.hpp"
#include "sys/fd.hpp"
#include "sys/mapping.hpp"

#include <sys/stat.h>

#include <cstdint>
#include <string>

namespace ipcdemo::shm {

inline constexpr std::size_t counter_size = sizeof(std::uint64_t);

class Counter {
 public:
  // Opens segment NAME and maps its counter: PROT_READ|PROT_WRITE when `writable`,
  // PROT_READ otherwise, always MAP_SHARED. A segment shorter than the counter is an error.
  static Counter open(const std::string& name, bool writable);
  // The same for a segment already open (the counter keeps its descriptor).
  static Counter map(Opened opened, bool writable);

  std::uint64_t load() const;
  // fstat first: a segment shortened below the counter since it was mapped is an
  // error (exit 1), not read as part of a number (bytes past the end of a file
  // read as 0 up to the end of its last page).
  std::uint64_t checked_load() const;
  // Read, add one, write back: two separate accesses, as the screenplay's
  // producer does. Returns the value written.
  std::uint64_t racy_increment();
  // One atomic read-modify-write. Returns the value written.
  std::uint64_t atomic_increment();

  // The segment as fstat saw it when it was mapped.
  const struct stat& status() const { return status_; }

 private:
  Counter(sys::Fd fd, sys::Mapping mapping, const struct stat& status);

  sys::Fd fd_;
  sys::Mapping mapping_;
  std::uint64_t* value_ = nullptr;
  struct stat status_ {};
};

} // namespace ipcdemo::shm
