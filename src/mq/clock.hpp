// SPDX-License-Identifier: MIT
// The wall clock as message queues use it: samples are stamped with
// CLOCK_REALTIME, and mq_timedsend/mq_timedreceive take absolute CLOCK_REALTIME
// deadlines.
#pragma once

#include "sys/clock.hpp"

#include <time.h>

#include <chrono>
#include <cstdint>

namespace ipcdemo::mq {

inline std::int64_t realtime_ns() {
  const timespec now = sys::now(CLOCK_REALTIME);
  return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// An absolute CLOCK_REALTIME deadline `timeout` from now, as mq_timed* want it;
// computed without overflow (base/deadline.hpp).
inline timespec deadline_after(std::chrono::nanoseconds timeout) {
  return sys::deadline_after(CLOCK_REALTIME, timeout);
}

} // namespace ipcdemo::mq
