// SPDX-License-Identifier: MIT
#include "sys/mapping.hpp"

#include "base/error.hpp"
#include "sys/fd.hpp"
#include "sys/narrate.hpp"
#include "sys/semaphore.hpp"

#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>

#include <sys/mman.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>

namespace ipcdemo::sys {

namespace {

// What the SIGBUS handler may read: fixed-size slots, no allocation, no locks.
// `fd` is a descriptor of the mapped file (or -1), so that the handler can fstat
// the file and tell a truncated file from a full file system: the owner's own
// when it keeps it open as long as the mapping, else a private duplicate (`owned`).
struct Watched {
  std::atomic<const char*> begin{nullptr};
  std::size_t length = 0;
  off_t offset = 0;
  int fd = -1;
  bool owned = false;
  std::array<char, 200> name{};
};
std::array<Watched, 32> watched;

void append(char*& out, const char* end, const char* text) {
  while (*text != '\0' && out < end) *out++ = *text++;
}

void append_number(char*& out, const char* end, unsigned long long value) {
  std::array<char, 24> digits{};
  std::size_t n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  while (n > 0 && out < end) *out++ = digits[--n];
}

// Why touching `fault` raised SIGBUS: the page lies past the end of the file (it
// was truncated), or the file is long enough and the page could not be allocated
// (its file system, a tmpfs such as /dev/shm, is full).
void append_cause(char*& out, const char* end, const Watched* slot, const char* fault) {
  struct stat status {};
  if (slot == nullptr || slot->fd < 0 || ::fstat(slot->fd, &status) != 0) {
    append(out, end, "the object is shorter than the mapping (truncated?), or its file system is full");
    return;
  }
  const auto at = static_cast<unsigned long long>(slot->offset) +
                  static_cast<unsigned long long>(fault - slot->begin.load());
  if (static_cast<unsigned long long>(status.st_size) > at) {
    struct statfs where {};
    const bool tmpfs = ::fstatfs(slot->fd, &where) == 0 && where.f_type == TMPFS_MAGIC;
    append(out, end,
           tmpfs && slot->name[0] == '/' && std::strchr(slot->name.data() + 1, '/') == nullptr
               ? "no space left on /dev/shm (its tmpfs is full: see df /dev/shm); the size is intact"
               : "no space left on the file system that holds it; the size is intact");
    return;
  }
  append(out, end, "it was truncated to ");
  append_number(out, end, static_cast<unsigned long long>(status.st_size));
  append(out, end, " bytes while mapped, and byte ");
  append_number(out, end, at);
  append(out, end, " is gone");
}

extern "C" void report_sigbus(int, siginfo_t* info, void*) {
  // First give back any lock we hold, so that no other producer waits for ever.
  post_held_locks_from_signal();
  const auto* fault = static_cast<const char*>(info->si_addr);
  const char* name = "a mapping";
  const Watched* found = nullptr;
  for (const auto& slot : watched) {
    const char* begin = slot.begin.load(std::memory_order_acquire);
    if (begin != nullptr && fault >= begin && fault < begin + slot.length) {
      name = slot.name.data();
      found = &slot;
    }
  }
  std::array<char, 400> line{};
  char* out = line.data();
  const char* end = line.data() + line.size() - 1;
  append(out, end, "ipcdemo: ");
  append(out, end, name);
  append(out, end, ": SIGBUS: ");
  append_cause(out, end, found, fault);
  append(out, end, "\n");
  [[maybe_unused]] const auto written =
      ::write(STDERR_FILENO, line.data(), static_cast<std::size_t>(out - line.data()));
  _exit(1);
}

void install_reporter_once() {
  static const bool installed = [] {
    struct sigaction action {};
    action.sa_sigaction = report_sigbus;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, nullptr);
    return true;
  }();
  (void)installed;
}

void watch(const void* address, std::size_t length, const std::string& name, int fd, off_t offset,
           bool fd_kept) {
  install_reporter_once();
  for (auto& slot : watched) {
    if (slot.begin.load(std::memory_order_relaxed) != nullptr) continue;
    slot.length = length;
    slot.offset = offset;
    // Out of descriptors (ulimit -n), the report only says less.
    slot.owned = fd >= 0 && !fd_kept;
    slot.fd = slot.owned ? ::fcntl(fd, F_DUPFD_CLOEXEC, 0) : fd;
    const std::size_t n = std::min(name.size(), slot.name.size() - 1);
    std::memcpy(slot.name.data(), name.data(), n);
    slot.name[n] = '\0';
    slot.begin.store(static_cast<const char*>(address), std::memory_order_release);
    return;
  }
  // More than 32 live mappings: the fault is still reported, only without the name.
}

void unwatch(const void* address) {
  // An address is watched once; the slots after it are not read (each page of
  // the table a start-up touches is a page fault).
  for (auto& slot : watched)
    if (slot.begin.load(std::memory_order_relaxed) == address) {
      slot.begin.store(nullptr, std::memory_order_release);
      if (slot.owned && slot.fd >= 0) ::close(slot.fd);
      slot.fd = -1;
      slot.owned = false;
      return;
    }
}

} // namespace

Mapping::Mapping(void* address, std::size_t length, std::string name, int fd, off_t offset, FdKept kept)
    : address_(address), length_(length), name_(std::move(name)) {
  watch(address_, length_, name_, fd, offset, kept == FdKept::yes);
}

Mapping::Mapping(Mapping&& other) noexcept
    : address_(other.address_), length_(other.length_), name_(std::move(other.name_)) {
  other.address_ = nullptr;
  other.length_ = 0;
}

Mapping& Mapping::operator=(Mapping&& other) noexcept {
  if (this != &other) {
    unmap();
    address_ = other.address_;
    length_ = other.length_;
    name_ = std::move(other.name_);
    other.address_ = nullptr;
    other.length_ = 0;
  }
  return *this;
}

Mapping Mapping::of_file(const Fd& fd, std::size_t length, int prot, int flags, off_t offset, FdKept kept) {
  void* address = ::mmap(nullptr, length, prot, flags, fd.get(), offset);
  const int err = errno;
  const bool failed = address == MAP_FAILED;
  if (narrate::on())
    narrate::emit("mmap",
                  fmt::format("NULL, {}, {}, {}, {}, {}", length, narrate::prot_flags(prot),
                              narrate::map_flags(flags), fd.get(), offset),
                  narrate::result_pointer(address, failed, err));
  if (failed) throw SysError("mmap", fd.name(), err);
  return Mapping(address, length, fd.name(), fd.get(), offset, kept);
}

namespace {
void* map_anonymous(std::size_t length, int prot, int flags, const std::string& name) {
  void* address = ::mmap(nullptr, length, prot, flags, -1, 0);
  const int err = errno;
  const bool failed = address == MAP_FAILED;
  if (narrate::on())
    narrate::emit(
        "mmap",
        fmt::format("NULL, {}, {}, {}, -1, 0", length, narrate::prot_flags(prot), narrate::map_flags(flags)),
        narrate::result_pointer(address, failed, err));
  if (failed) throw SysError("mmap", name, err);
  return address;
}
} // namespace

Mapping Mapping::anonymous(std::size_t length, int prot, const std::string& name) {
  return Mapping(map_anonymous(length, prot, MAP_PRIVATE | MAP_ANONYMOUS, name), length, name, -1, 0,
                 FdKept::no);
}

Mapping Mapping::shared_anonymous(std::size_t length, const std::string& name) {
  return Mapping(map_anonymous(length, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, name), length,
                 name, -1, 0, FdKept::no);
}

void Mapping::advise(int advice) const {
  const int rc = ::madvise(address_, length_, advice);
  const int err = errno;
  if (narrate::on())
    narrate::emit(
        "madvise",
        fmt::format("{}, {}, {}", narrate::pointer(address_), length_, narrate::madvise_advice(advice)),
        narrate::result(rc, err));
  // Advice is only a hint: a refusal is worth a note, not a failure.
  if (rc != 0) log::debug("madvise on {} was refused: {}", name_, std::strerror(err));
}

void Mapping::unmap() noexcept {
  if (address_ == nullptr) return;
  unwatch(address_);
  const int rc = ::munmap(address_, length_);
  const int err = errno;
  if (narrate::on())
    narrate::emit("munmap", fmt::format("{}, {}", narrate::pointer(address_), length_),
                  narrate::result(rc, err));
  address_ = nullptr;
  length_ = 0;
}

} // namespace ipcdemo::sys
