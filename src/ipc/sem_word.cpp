#include "ipc/sem_word.hpp"

#include "sys/fd.hpp"

#include <fcntl.h>

namespace ipcdemo {

SemaphoreWord decode_semaphore_word(std::uint64_t data) {
  return {.value = static_cast<std::uint32_t>(data & 0xffffffffU),
          .waiters = static_cast<std::uint32_t>(data >> 32)};
}

std::optional<SemaphoreWord> read_semaphore_word(const std::string& path) {
  if constexpr (!semaphore_word_known) return std::nullopt;
  const sys::Fd fd = sys::open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW);
  std::uint64_t data = 0; // the machine's byte order, as glibc wrote it
  if (sys::pread(fd.get(), path, &data, sizeof data, 0) < sizeof data) return std::nullopt;
  return decode_semaphore_word(data);
}

} // namespace ipcdemo
