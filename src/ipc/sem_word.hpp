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
// Whether this build knows the layout (64-bit glibc); elsewhere use sem_getvalue.
constexpr bool semaphore_word_known = sizeof(void*) == 8;
// Reads the first 8 bytes of the file (narrated open and pread; O_NONBLOCK, so a
// FIFO planted in its place cannot hang us). Nothing when the file is shorter;
// throws SysError when it cannot be opened or read.
std::optional<SemaphoreWord> read_semaphore_word(const std::string& path);

} // namespace ipcdemo
