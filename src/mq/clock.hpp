// The wall clock as message queues use it: samples are stamped with
// CLOCK_REALTIME, and mq_timedsend/mq_timedreceive take absolute CLOCK_REALTIME
// deadlines.
#pragma once

#include <time.h>

#include <chrono>
#include <cstdint>

namespace ipcdemo::mq {

inline std::int64_t realtime_ns() {
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// An absolute CLOCK_REALTIME deadline `timeout` from now, as mq_timed* want it.
inline timespec deadline_after(std::chrono::nanoseconds timeout) {
  const std::int64_t at = realtime_ns() + timeout.count();
  return {static_cast<time_t>(at / 1'000'000'000), static_cast<long>(at % 1'000'000'000)};
}

} // namespace ipcdemo::mq
