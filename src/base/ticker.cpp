#include "base/ticker.hpp"

#include "base/deadline.hpp"
#include "base/signals.hpp"

#include <cerrno>

namespace ipcdemo {

namespace {
timespec now() {
  timespec time{};
  clock_gettime(CLOCK_MONOTONIC, &time);
  return time;
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
  for (;;) {
    const int rc = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &due_, nullptr);
    if (rc == 0) break;
    if (rc == EINTR) {
      signals::throw_if_interrupted();
      continue;
    }
    break; // EINVAL cannot happen with a normalised time; do not spin on it
  }
  signals::throw_if_interrupted();
}

} // namespace ipcdemo
