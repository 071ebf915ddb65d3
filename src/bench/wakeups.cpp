// SPDX-License-Identifier: MIT
// Round trips built on a bare wake-up, with no payload but a sequence number:
// what the blocking mechanisms above are made of, so that the table shows how much
// each adds on top. A futex word in shared memory (what a semaphore is built on),
// two eventfd counters, and real-time signals carrying a value (sigqueue +
// sigwaitinfo). Timed hot path: bare calls on purpose (see exchanges.hpp).
#include "bench/exchanges.hpp"
#include "bench/objects.hpp"
#include "bench/sample.hpp"

#include "base/error.hpp"
#include "sys/eventfd.hpp"
#include "sys/signal_wait.hpp"

#include <linux/futex.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <new>

namespace ipcdemo::bench {

namespace {

// ---- futex: one shared word, FUTEX_WAIT until it changes, FUTEX_WAKE after each store ----

long futex(std::atomic<std::uint32_t>* word, int op, std::uint32_t value) {
  // Not FUTEX_PRIVATE_FLAG: the word is shared between two processes.
  return syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(word), op, value, nullptr, nullptr, 0);
}

class FutexPingPong final : public Exchange {
 public:
  FutexPingPong()
      : segment_("futex", sizeof(std::atomic<std::uint32_t>)),
        word_(new (segment_.data()) std::atomic<std::uint32_t>(0)) {}

  std::uint64_t parent_run(std::uint64_t n, Peer& peer) override {
    for (std::uint64_t i = 0; i < n; ++i) {
      ++seq_;
      hand_over(static_cast<std::uint32_t>(2 * seq_ - 1));
      wait_for(static_cast<std::uint32_t>(2 * seq_), &peer);
    }
    return 0;
  }

  std::uint64_t child_run(std::uint64_t n) override {
    for (std::uint64_t i = 0; i < n; ++i) {
      ++seq_;
      wait_for(static_cast<std::uint32_t>(2 * seq_ - 1), nullptr);
      hand_over(static_cast<std::uint32_t>(2 * seq_));
    }
    return 0;
  }

 private:
  void hand_over(std::uint32_t turn) {
    word_->store(turn, std::memory_order_release);
    if (futex(word_, FUTEX_WAKE, 1) < 0) throw SysError("futex(FUTEX_WAKE)", segment_.name(), errno);
  }

  // Sleeps while the word holds anything but `turn`. The turns only ever grow, so
  // a value seen here other than `turn` is the previous one: FUTEX_WAIT on it.
  void wait_for(std::uint32_t turn, Peer* peer) {
    for (;;) {
      const std::uint32_t seen = word_->load(std::memory_order_acquire);
      if (seen == turn) return;
      if (futex(word_, FUTEX_WAIT, seen) == 0) continue;
      if (errno == EAGAIN) continue;
      if (errno != EINTR) throw SysError("futex(FUTEX_WAIT)", segment_.name(), errno);
      if (peer != nullptr) peer->check();
    }
  }

  SharedSegment segment_;
  std::atomic<std::uint32_t>* word_;
  std::uint64_t seq_ = 0;
};

// ---- eventfd: one counter each way; the value written is the sequence number -----

class EventfdPingPong final : public Exchange {
 public:
  EventfdPingPong() : ping_(sys::eventfd("ping eventfd")), pong_(sys::eventfd("pong eventfd")) {}

  std::uint64_t parent_run(std::uint64_t n, Peer& peer) override {
    std::uint64_t errors = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
      ++seq_;
      put(ping_, seq_);
      errors += take(pong_, &peer) != seq_;
    }
    return errors;
  }

  std::uint64_t child_run(std::uint64_t n) override {
    std::uint64_t errors = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
      ++seq_;
      errors += take(ping_, nullptr) != seq_;
      put(pong_, seq_);
    }
    return errors;
  }

 private:
  static void put(const sys::Fd& fd, std::uint64_t value) {
    while (write(fd.get(), &value, sizeof value) != sizeof value)
      if (errno != EINTR) throw SysError("write", fd.name(), errno);
  }

  static std::uint64_t take(const sys::Fd& fd, Peer* peer) {
    std::uint64_t value = 0;
    while (read(fd.get(), &value, sizeof value) != sizeof value) {
      if (errno != EINTR) throw SysError("read", fd.name(), errno);
      if (peer != nullptr) peer->check();
    }
    return value;
  }

  sys::Fd ping_, pong_;
  std::uint64_t seq_ = 0;
};

// ---- real-time signals: SIGRTMIN each way, the sequence number as its value -------

class SignalPingPong final : public Exchange {
 public:
  // Blocked before fork, so the child inherits the mask: a signal sent before its
  // partner waits stays queued instead of killing it.
  SignalPingPong() : blocked_(SIGRTMIN), parent_(getpid()) {
    sigemptyset(&set_);
    sigaddset(&set_, SIGRTMIN);
  }
  SignalPingPong(const SignalPingPong&) = delete;
  SignalPingPong& operator=(const SignalPingPong&) = delete;
  SignalPingPong(SignalPingPong&&) = delete;
  SignalPingPong& operator=(SignalPingPong&&) = delete;

  // A reply the parent never took (an interrupted run) must not be delivered,
  // and kill us, once the mask is restored: take it first. The child is gone by now.
  ~SignalPingPong() override {
    const timespec now{};
    try {
      while (blocked_.wait_for(now)) {
      }
    } catch (...) {
    }
  }

  void parent_after_fork(pid_t child) override { child_ = child; }

  std::uint64_t parent_run(std::uint64_t n, Peer& peer) override {
    std::uint64_t errors = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
      ++seq_;
      send(child_, seq_);
      errors += take(&peer) != (seq_ & 0x7fffffff);
    }
    return errors;
  }

  std::uint64_t child_run(std::uint64_t n) override {
    std::uint64_t errors = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
      ++seq_;
      errors += take(nullptr) != (seq_ & 0x7fffffff);
      send(parent_, seq_);
    }
    return errors;
  }

 private:
  static void send(pid_t to, std::uint64_t seq) {
    const sigval value{.sival_int = static_cast<int>(seq & 0x7fffffff)};
    while (sigqueue(to, SIGRTMIN, value) != 0)
      // EAGAIN: the queue of pending signals (RLIMIT_SIGPENDING) is full; it drains.
      if (errno != EAGAIN && errno != EINTR) throw SysError("sigqueue", "SIGRTMIN", errno);
  }

  std::uint64_t take(Peer* peer) const {
    siginfo_t info{};
    while (sigwaitinfo(&set_, &info) < 0) {
      if (errno != EINTR) throw SysError("sigwaitinfo", "SIGRTMIN", errno);
      if (peer != nullptr) peer->check();
    }
    return info.si_code == SI_QUEUE ? static_cast<std::uint64_t>(info.si_value.sival_int) : 0;
  }

  // Compared with the sequence number modulo 2^31, as sival_int carries it.
  std::uint64_t seq_ = 0;
  sys::BlockedSignal blocked_;
  sigset_t set_{};
  pid_t parent_;
  pid_t child_ = -1;
};

} // namespace

std::unique_ptr<Exchange> futex_exchange() { return std::make_unique<FutexPingPong>(); }
std::unique_ptr<Exchange> eventfd_exchange() { return std::make_unique<EventfdPingPong>(); }
std::unique_ptr<Exchange> signal_exchange() { return std::make_unique<SignalPingPong>(); }

} // namespace ipcdemo::bench
