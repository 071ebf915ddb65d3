// SPDX-License-Identifier: MIT
// Time: reading a clock and sleeping until a moment on it. Sleeps are narrated
// like every other call that blocks in the kernel, so `-v` shows a paced loop's
// pauses (clock_nanosleep) between its sends or increments.
#pragma once

#include <time.h>

#include <chrono>

namespace ipcdemo::sys {

// clock_gettime(2). Not narrated: the vDSO answers it without entering the
// kernel, and a line per reading would bury the calls that matter.
timespec now(clockid_t clock);
// now(clock) + `timeout`, as the timed calls want an absolute deadline (base/deadline.hpp).
timespec deadline_after(clockid_t clock, std::chrono::nanoseconds timeout);

// clock_nanosleep(clock, TIMER_ABSTIME, deadline): returns once `deadline` has
// passed. SIGINT/SIGTERM end the sleep with Interrupted; other signals resume it.
void sleep_until(clockid_t clock, const timespec& deadline);
// sleep_until(CLOCK_MONOTONIC, now + duration): for bounded polling loops.
void sleep_for(std::chrono::nanoseconds duration);

} // namespace ipcdemo::sys
