#include "base/ticker.hpp"

#include "base/signals.hpp"
#include "sys/clock.hpp"

namespace ipcdemo {

namespace {
constexpr long nanos_per_second = 1'000'000'000;

timespec now() { return sys::now(CLOCK_MONOTONIC); }

timespec plus(timespec time, std::chrono::nanoseconds delta) {
  const auto count = delta.count();
  time.tv_sec += static_cast<time_t>(count / nanos_per_second);
  time.tv_nsec += static_cast<long>(count % nanos_per_second);
  if (time.tv_nsec >= nanos_per_second) {
    time.tv_nsec -= nanos_per_second;
    ++time.tv_sec;
  }
  return time;
}

bool before(const timespec& a, const timespec& b) {
  return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec < b.tv_nsec);
}
} // namespace

Ticker::Ticker(std::chrono::nanoseconds interval) : interval_(interval), due_(now()) {}

void Ticker::wait() {
  if (!pauses()) {
    signals::throw_if_interrupted();
    return;
  }
  due_ = plus(due_, interval_);
  // Far behind (the process was stopped with Ctrl-Z, say): start afresh instead of
  // catching up with a burst of ticks.
  if (const timespec current = now(); before(plus(due_, interval_), current)) due_ = plus(current, interval_);
  sys::sleep_until(CLOCK_MONOTONIC, due_);
  signals::throw_if_interrupted();
}

} // namespace ipcdemo
