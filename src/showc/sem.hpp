// The C programs of `sem create`, `sem wait` and `sem post` (--show-c).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace ipcdemo::showc {

struct SemCreate {
  std::string name; // canonical: "/x"
  unsigned value = 7;
  unsigned mode = 0600;
  bool exclusive = false;
};

struct SemWait {
  std::string name;
  std::uint64_t count = 1;
  std::optional<std::chrono::nanoseconds> timeout; // for all the waits together
  bool try_only = false;
  std::chrono::nanoseconds spin{0};
};

struct SemPost {
  std::string name;
  std::uint64_t count = 1;
};

std::string sem_create_program(const SemCreate& settings);
std::string sem_wait_program(const SemWait& settings);
std::string sem_post_program(const SemPost& settings);

} // namespace ipcdemo::showc
