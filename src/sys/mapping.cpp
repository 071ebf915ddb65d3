#include "sys/mapping.hpp"

#include "base/error.hpp"
#include "sys/fd.hpp"
#include "sys/narrate.hpp"

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
struct Watched {
  std::atomic<const char*> begin{nullptr};
  std::size_t length = 0;
  std::array<char, 200> name{};
};
std::array<Watched, 32> watched;

void append(char*& out, const char* end, const char* text) {
  while (*text != '\0' && out < end) *out++ = *text++;
}

extern "C" void report_sigbus(int, siginfo_t* info, void*) {
  const auto* fault = static_cast<const char*>(info->si_addr);
  const char* name = "a mapping";
  for (const auto& slot : watched) {
    const char* begin = slot.begin.load(std::memory_order_acquire);
    if (begin != nullptr && fault >= begin && fault < begin + slot.length) name = slot.name.data();
  }
  std::array<char, 400> line{};
  char* out = line.data();
  const char* end = line.data() + line.size() - 1;
  append(out, end, "ipcdemo: ");
  append(out, end, name);
  append(out, end, ": SIGBUS: the object is shorter than the mapping (was it truncated while mapped?)\n");
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

void watch(const void* address, std::size_t length, const std::string& name) {
  install_reporter_once();
  for (auto& slot : watched) {
    if (slot.begin.load(std::memory_order_relaxed) != nullptr) continue;
    slot.length = length;
    const std::size_t n = std::min(name.size(), slot.name.size() - 1);
    std::memcpy(slot.name.data(), name.data(), n);
    slot.name[n] = '\0';
    slot.begin.store(static_cast<const char*>(address), std::memory_order_release);
    return;
  }
  // More than 32 live mappings: the fault is still reported, only without the name.
}

void unwatch(const void* address) {
  for (auto& slot : watched)
    if (slot.begin.load(std::memory_order_relaxed) == address)
      slot.begin.store(nullptr, std::memory_order_release);
}

} // namespace

Mapping::Mapping(void* address, std::size_t length, std::string name)
    : address_(address), length_(length), name_(std::move(name)) {
  watch(address_, length_, name_);
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

Mapping Mapping::of_file(const Fd& fd, std::size_t length, int prot, int flags, off_t offset) {
  void* address = ::mmap(nullptr, length, prot, flags, fd.get(), offset);
  const int err = errno;
  const bool failed = address == MAP_FAILED;
  if (narrate::on())
    narrate::emit("mmap",
                  fmt::format("NULL, {}, {}, {}, {}, {}", length, narrate::prot_flags(prot),
                              narrate::map_flags(flags), fd.get(), offset),
                  narrate::result_pointer(address, failed, err));
  if (failed) throw SysError("mmap", fd.name(), err);
  return Mapping(address, length, fd.name());
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
  return Mapping(map_anonymous(length, prot, MAP_PRIVATE | MAP_ANONYMOUS, name), length, name);
}

Mapping Mapping::shared_anonymous(std::size_t length, const std::string& name) {
  return Mapping(map_anonymous(length, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, name), length,
                 name);
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
