// SPDX-License-Identifier: MIT
#include "shm/counter.hpp"

#include "base/error.hpp"
#include "ipc/access_hint.hpp"
#include "shm/segment.hpp"
#include "sys/narrate.hpp"

#include <fcntl.h>

#include <fmt/format.h>
#include <sys/mman.h>

#include <atomic>

namespace ipcdemo::shm {

namespace {
#if defined(__cpp_lib_atomic_ref)
// Plain loads and stores of an aligned 8-byte word are single instructions only
// when the platform says so; otherwise "no torn reads" would not hold.
static_assert(std::atomic_ref<std::uint64_t>::is_always_lock_free);

std::atomic_ref<std::uint64_t> ref(std::uint64_t* value) { return std::atomic_ref<std::uint64_t>(*value); }
#else
// The standard library has no std::atomic_ref (libc++ before LLVM 19: Debian 12's
// libc++ 14, the libcxx preset): the same operations on the same word, with the
// GCC and clang builtins std::atomic_ref is made of.
static_assert(__atomic_always_lock_free(sizeof(std::uint64_t), nullptr));

constexpr int builtin_order(std::memory_order order) {
  switch (order) {
    case std::memory_order_relaxed: return __ATOMIC_RELAXED;
    case std::memory_order_consume: return __ATOMIC_CONSUME;
    case std::memory_order_acquire: return __ATOMIC_ACQUIRE;
    case std::memory_order_release: return __ATOMIC_RELEASE;
    case std::memory_order_acq_rel: return __ATOMIC_ACQ_REL;
    case std::memory_order_seq_cst: break;
  }
  return __ATOMIC_SEQ_CST;
}

class AtomicWord {
 public:
  explicit AtomicWord(std::uint64_t* word) : word_(word) {}
  std::uint64_t load(std::memory_order order) const { return __atomic_load_n(word_, builtin_order(order)); }
  void store(std::uint64_t value, std::memory_order order) {
    __atomic_store_n(word_, value, builtin_order(order));
  }
  std::uint64_t fetch_add(std::uint64_t value, std::memory_order order) {
    return __atomic_fetch_add(word_, value, builtin_order(order));
  }

 private:
  std::uint64_t* word_;
};

AtomicWord ref(std::uint64_t* value) { return AtomicWord(value); }
#endif
} // namespace

Counter::Counter(sys::Fd fd, sys::Mapping mapping, const struct stat& status)
    : fd_(std::move(fd)),
      mapping_(std::move(mapping)),
      value_(static_cast<std::uint64_t*>(mapping_.data())),
      status_(status) {
  if (mapping_.size() >= layout_size) attempts_ = value_ + 1;
}

Counter Counter::open(const std::string& name, bool writable) {
  return map(shm::open(name, writable ? O_RDWR : O_RDONLY), writable);
}

Counter Counter::open_private(const std::string& name) {
  return map(shm::open(name, O_RDONLY), PROT_READ | PROT_WRITE, MAP_PRIVATE);
}

Counter Counter::map(Opened opened, bool writable) {
  return map(std::move(opened), writable ? PROT_READ | PROT_WRITE : PROT_READ, MAP_SHARED);
}

Counter Counter::map(Opened opened, int prot, int flags) {
  const sys::Fd& fd = opened.fd;
  const struct stat& status = opened.status;
  if (static_cast<std::size_t>(status.st_size) < counter_size)
    throw Error(exit_code::failure,
                fmt::format("shared memory {} has {} bytes, fewer than the {}-byte counter", fd.name(),
                            status.st_size, counter_size),
                fmt::format("give it a size: ipcdemo shm resize {} 4096", fd.name()));
  // Only the counter and the attempts are touched, so only their page is mapped,
  // whatever the segment's size.
  const std::size_t length =
      static_cast<std::size_t>(status.st_size) >= layout_size ? layout_size : counter_size;
  // The descriptor stays open beside the mapping (fd_), so the SIGBUS reporter
  // borrows it: one descriptor per process, as in the screenplay's programs.
  auto mapping = sys::Mapping::of_file(fd, length, prot, flags, 0, sys::Mapping::FdKept::yes);
  return Counter(std::move(opened.fd), std::move(mapping), status);
}

std::uint64_t Counter::checked_load() const {
  const struct stat now = [this] {
    const narrate::Check check; // ours, not the screenplay's: is the counter still there?
    return sys::fstat(fd_);
  }();
  if (static_cast<std::size_t>(now.st_size) < counter_size)
    throw Error(exit_code::failure,
                fmt::format("shared memory {} was shortened to {} bytes while we watched it, below the "
                            "{}-byte counter",
                            fd_.name(), now.st_size, counter_size),
                fmt::format("whoever truncated it broke it: ipcdemo shm resize {} 4096", fd_.name()));
  return load();
}

// A read-only mapping is only ever loaded from: atomic_ref needs a non-const
// object, but a load does not write it.
std::uint64_t Counter::load() const { return ref(value_).load(std::memory_order_relaxed); }

Tally Counter::tally() const {
  // The counter first (acquire), the attempts next: every store that brought the
  // counter to its value was a release made after its own attempt was counted, and
  // so was every store before it in the chain of loads it built on. Read the other
  // way round, increments made between the two reads would count as more than
  // attempted.
  const std::uint64_t counter = ref(value_).load(std::memory_order_acquire);
  std::optional<std::uint64_t> attempts;
  if (attempts_ != nullptr) attempts = ref(attempts_).load(std::memory_order_acquire);
  return Tally{.counter = counter, .attempts = attempts};
}

std::uint64_t Counter::record_attempt() {
  // Relaxed: the release store of the increment that follows publishes it.
  return attempts_ != nullptr ? ref(attempts_).fetch_add(1, std::memory_order_relaxed) : 0;
}

std::uint64_t Counter::racy_increment(std::chrono::nanoseconds widen) {
  auto counter = ref(value_);
  const std::uint64_t next = counter.load(std::memory_order_acquire) + 1;
  if (widen.count() > 0) {
    // A busy wait, not a sleep: the producer stays on its CPU, holding a stale
    // value, exactly as it would if it were slower or preempted here.
    const auto until = std::chrono::steady_clock::now() + widen;
    while (std::chrono::steady_clock::now() < until) {
    }
  }
  // Another producer may store between our load and this store: its increment is lost.
  counter.store(next, std::memory_order_release);
  return next;
}

std::uint64_t Counter::atomic_increment() { return ref(value_).fetch_add(1, std::memory_order_release) + 1; }

} // namespace ipcdemo::shm
