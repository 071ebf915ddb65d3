// What a semaphore's file says, read without opening the semaphore: glibc's
// 64-bit `struct new_sem` begins with one 64-bit word, the value in its low 32
// bits and the number of waiters (threads blocked in sem_wait) in its high 32
// (SEM_VALUE_MASK, SEM_NWAITERS_SHIFT in glibc's internaltypes.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ipcdemo {

struct SemaphoreWord {
  std::uint32_t value = 0;
  std::uint32_t waiters = 0;
};

SemaphoreWord decode_semaphore_word(std::uint64_t data);
// Reads the first 8 bytes of the file; nothing when it cannot be read, is shorter,
// or this is not a 64-bit build (whose layout is another).
std::optional<SemaphoreWord> read_semaphore_word(const std::string& path);

} // namespace ipcdemo
