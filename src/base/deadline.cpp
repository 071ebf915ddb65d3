// SPDX-License-Identifier: MIT
#include "base/deadline.hpp"

namespace ipcdemo {

namespace {
constexpr long nanos_per_second = 1'000'000'000;
}

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

} // namespace ipcdemo
