// SPDX-License-Identifier: MIT
// Paces a loop at a fixed interval against CLOCK_MONOTONIC: each tick is due one
// interval after the previous one was due, so the time the work takes does not
// add up to drift, and a jump of the wall clock changes nothing.
#pragma once

#include <time.h>

#include <chrono>

namespace ipcdemo {

class Ticker {
 public:
  explicit Ticker(std::chrono::nanoseconds interval);

  // Whether there is anything to wait for (an interval of 0 means "as fast as possible").
  bool pauses() const { return interval_.count() > 0; }
  // Sleeps until the next tick is due. SIGINT/SIGTERM end the sleep with Interrupted.
  void wait();

 private:
  std::chrono::nanoseconds interval_;
  timespec due_{};
};

} // namespace ipcdemo
