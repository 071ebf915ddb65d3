// SPDX-License-Identifier: MIT
#include "sys/semaphore_file.hpp"

#include "base/error.hpp"
#include "ipc/planted.hpp"
#include "sys/fd.hpp"
#include "sys/narrate.hpp"

#include <fcntl.h>
#include <linux/futex.h>
#include <sys/uio.h>
#include <unistd.h>

#include <fmt/format.h>

#include <array>
#include <bit>
#include <cerrno>
#include <cstring>

namespace ipcdemo::sys {

namespace {

static_assert(sizeof(sem_t) == 32 && sizeof(void*) == 8 && std::endian::native == std::endian::little,
              "the semaphore file layout described above is glibc's for 64-bit little-endian targets");

std::uint32_t field(std::span<const unsigned char> bytes, std::size_t offset) {
  std::uint32_t value = 0;
  std::memcpy(&value, bytes.data() + offset, sizeof value);
  return value;
}

std::string size_problem(std::size_t size) {
  return fmt::format("has {} bytes, and glibc maps a semaphore's first {}", size, semaphore_file_size);
}

} // namespace

std::string semaphore_file_problem(std::span<const unsigned char> bytes) {
  // Fewer bytes than glibc maps: the rest of the page reads as zeros, and a file
  // emptied is SIGBUS. More: glibc uses the first 32 and leaves the rest alone.
  if (bytes.size() < semaphore_file_size) return size_problem(bytes.size());
  if (const std::uint32_t value = field(bytes, semaphore_value_offset); value > SEM_VALUE_MAX)
    return fmt::format("holds the value {}, above SEM_VALUE_MAX ({})", value, SEM_VALUE_MAX);
  // glibc XORs this field into every futex operation: 128 (FUTEX_PRIVATE_FLAG,
  // glibc's LLL_SHARED) takes the private flag off, so waits and wakes reach
  // other processes. 0 keeps it: a waiter in another process is never woken.
  const auto private_field = static_cast<std::int32_t>(field(bytes, semaphore_private_offset));
  if (private_field == 0)
    return "has 0 in its private field, where glibc writes 128 (shared between processes): a post "
           "would never wake a waiter in another process";
  if (private_field != FUTEX_PRIVATE_FLAG)
    return fmt::format(
        "has {} in its private field, where glibc writes 128 (shared between processes): "
        "futex(2) would get an operation it does not know, and glibc abort",
        private_field);
  return {};
}

SemaphoreWord decode_semaphore_word(std::uint64_t data) {
  return {.value = static_cast<std::uint32_t>(data & 0xffffffffU),
          .waiters = static_cast<std::uint32_t>(data >> 32)};
}

SemaphoreWord read_semaphore_file(const std::string& name, const std::string& path) {
  Fd fd;
  try {
    fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (const SysError& error) {
    throw_if_planted(path, error.err(), ObjectKind::sem);
    throw;
  }
  const struct stat status = fstat(fd);
  if (!S_ISREG(status.st_mode)) throw not_an_object(path, status, ObjectKind::sem);
  std::array<unsigned char, semaphore_file_size> bytes{};
  std::string problem;
  if (static_cast<std::size_t>(status.st_size) < semaphore_file_size) {
    problem = size_problem(static_cast<std::size_t>(status.st_size));
  } else {
    // Fewer bytes than fstat said: it shrank since, and the check says so.
    const std::size_t got = pread(fd.get(), path, bytes.data(), bytes.size(), 0);
    problem = semaphore_file_problem({bytes.data(), got});
  }
  if (!problem.empty())
    throw Error(exit_code::failure, fmt::format("semaphore {} is damaged: {} {}", name, path, problem),
                fmt::format("remove it with: ipcdemo sem unlink {}", name));
  std::uint64_t data = 0; // the machine's byte order, as glibc wrote it
  std::memcpy(&data, bytes.data() + semaphore_value_offset, sizeof data);
  return decode_semaphore_word(data);
}

void check_semaphore_mapping(const std::string& name, const std::string& path, const sem_t* sem) {
  std::array<unsigned char, semaphore_file_size> bytes{};
  const iovec local{.iov_base = bytes.data(), .iov_len = bytes.size()};
  // process_vm_readv's remote side is not written to; its iovec is not const.
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-const-cast)
  const iovec mapped{.iov_base = const_cast<sem_t*>(sem), .iov_len = bytes.size()};
  const ssize_t got = ::process_vm_readv(::getpid(), &local, 1, &mapped, 1, 0);
  const int err = errno;
  if (narrate::on())
    narrate::emit(
        "process_vm_readv",
        fmt::format("{}, [{{iov_base={}, iov_len={}}}], 1, [{{iov_base={}, iov_len={}}}], 1, 0", ::getpid(),
                    narrate::pointer(bytes.data()), bytes.size(), narrate::pointer(sem), bytes.size()),
        narrate::result(got, err));
  if (got < 0 && err != EFAULT) {
    read_semaphore_file(name, path); // refused (seccomp): the file, then
    return;
  }
  std::string problem = got < 0 ? std::string(
                                      "is shorter than the page glibc mapped: touching the semaphore "
                                      "would raise SIGBUS (the file was emptied or cut short)")
                                : semaphore_file_problem({bytes.data(), static_cast<std::size_t>(got)});
  if (problem.empty()) return;
  // The file says more (its size, where a short one reads as zeros in the page):
  // its own report comes first, if it is still there to be read.
  try {
    read_semaphore_file(name, path);
  } catch (const SysError&) { // gone, or not ours to read: the mapping's account, then
  }
  throw Error(exit_code::failure, fmt::format("semaphore {} is damaged: {} {}", name, path, problem),
              fmt::format("remove it with: ipcdemo sem unlink {}", name));
}

} // namespace ipcdemo::sys
