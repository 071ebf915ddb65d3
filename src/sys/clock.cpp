// SPDX-License-Identifier: MIT
#include "sys/clock.hpp"

#include "base/deadline.hpp"
#include "base/error.hpp"
#include "base/signals.hpp"
#include "sys/narrate.hpp"

#include <cerrno>
#include <cstdint>

namespace ipcdemo::sys {

timespec now(clockid_t clock) {
  timespec time{};
  if (::clock_gettime(clock, &time) != 0) throw SysError("clock_gettime", narrate::clock_name(clock), errno);
  return time;
}

timespec deadline_after(clockid_t clock, std::chrono::nanoseconds timeout) {
  return plus(now(clock), timeout);
}

void sleep_until(clockid_t clock, const timespec& deadline) {
  for (;;) {
    // clock_nanosleep returns the error number instead of setting errno.
    const int rc = ::clock_nanosleep(clock, TIMER_ABSTIME, &deadline, nullptr);
    if (narrate::on())
      narrate::emit("clock_nanosleep",
                    fmt::format("{}, TIMER_ABSTIME, {}, NULL", narrate::clock_name(clock),
                                narrate::timespec_value(deadline)),
                    rc == 0 ? "0" : narrate::errno_name(rc));
    if (rc == 0) return;
    if (rc != EINTR) throw SysError("clock_nanosleep", narrate::clock_name(clock), rc);
    signals::throw_if_interrupted();
  }
}

void sleep_for(std::chrono::nanoseconds duration) {
  constexpr std::int64_t nanos_per_second = 1'000'000'000;
  const timespec start = now(CLOCK_MONOTONIC);
  const std::int64_t at = static_cast<std::int64_t>(start.tv_nsec) + duration.count();
  const timespec deadline{start.tv_sec + static_cast<time_t>(at / nanos_per_second),
                          static_cast<long>(at % nanos_per_second)};
  sleep_until(CLOCK_MONOTONIC, deadline);
}

} // namespace ipcdemo::sys
