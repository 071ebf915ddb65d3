#include "ipc/sem_word.hpp"

#include "sys/directory.hpp"

#include <cstring>

namespace ipcdemo {

SemaphoreWord decode_semaphore_word(std::uint64_t data) {
  return {.value = static_cast<std::uint32_t>(data & 0xffffffffU),
          .waiters = static_cast<std::uint32_t>(data >> 32)};
}

std::optional<SemaphoreWord> read_semaphore_word(const std::string& path) {
  if constexpr (sizeof(void*) != 8) return std::nullopt;
  const auto text = sys::read_small_file(path, nullptr, sizeof(std::uint64_t));
  if (!text || text->size() < sizeof(std::uint64_t)) return std::nullopt;
  std::uint64_t data = 0;
  std::memcpy(&data, text->data(), sizeof data); // the machine's byte order, as glibc wrote it
  return decode_semaphore_word(data);
}

} // namespace ipcdemo
