// SPDX-License-Identifier: MIT
#include "base/ticker.hpp"

#include "base/deadline.hpp"
#include "base/signals.hpp"
#include "sys/clock.hpp"

namespace ipcdemo {

namespace {
timespec now() { return sys::now(CLOCK_MONOTONIC); }
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
