// The C programs of `shm create`, `shm produce` and `shm consume` (--show-c):
// the segment's layout is ipcdemo's (shm/counter.hpp), so that they and
// ipcdemo's commands work on the same segments.
#pragma once

#include "shm/produce.hpp"

#include <chrono>
#include <cstdint>
#include <string>

namespace ipcdemo::showc {

struct ShmCreate {
  std::string name; // canonical: "/x"
  std::uint64_t size = 0;
  unsigned mode = 0600;
  bool exclusive = false;
  bool hole = false; // size by writing the last byte instead of ftruncate
};

struct ShmProduce {
  std::string name;
  std::uint64_t count = 0; // 0: until interrupted
  std::chrono::nanoseconds interval{0};
  shm::Sync sync = shm::Sync::racy;
  // A busy wait between the load and the store (racy, and inside the lock with sem).
  std::chrono::nanoseconds widen{0};
  std::string lock_name; // canonical, for Sync::sem
  bool private_copy = false;
};

struct ShmConsume {
  std::string name;
  std::uint64_t count = 0; // 0: until interrupted
  std::chrono::nanoseconds interval{0};
  bool changes_only = false;
};

std::string shm_create_program(const ShmCreate& settings);
std::string shm_produce_program(const ShmProduce& settings);
std::string shm_consume_program(const ShmConsume& settings);

} // namespace ipcdemo::showc
