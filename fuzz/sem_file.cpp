// SPDX-License-Identifier: MIT
// libFuzzer target for the semaphore-file check (sys/semaphore_file.hpp): any
// bytes a neighbour could leave in /dev/shm/sem.NAME must get an answer, never a
// crash, and the answer must be right about the bytes glibc itself accepts.
// Seeds in fuzz/corpus/sem_file/.
#include "sys/semaphore_file.hpp"

#include <linux/futex.h>
#include <semaphore.h>

#include <climits>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string problem = ipcdemo::sys::semaphore_file_problem(std::span(data, size));
  // Independent of the implementation: what glibc writes is exactly this, in the
  // first 32 bytes; it maps those 32 and leaves any bytes after them alone.
  bool glibc_would_write = size >= ipcdemo::sys::semaphore_file_size;
  if (glibc_would_write) {
    std::uint32_t value = 0;
    std::int32_t private_field = 0;
    std::memcpy(&value, data + ipcdemo::sys::semaphore_value_offset, sizeof value);
    std::memcpy(&private_field, data + ipcdemo::sys::semaphore_private_offset, sizeof private_field);
    glibc_would_write = value <= SEM_VALUE_MAX && private_field == FUTEX_PRIVATE_FLAG;
  }
  if (problem.empty() != glibc_would_write) std::abort();
  return 0;
}
