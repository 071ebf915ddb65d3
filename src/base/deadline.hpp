// SPDX-License-Identifier: MIT
// Absolute deadlines as the timed system calls want them (a timespec on a clock),
// computed in seconds and nanoseconds apart: a long DURATION never overflows a
// 64-bit count of nanoseconds since the epoch. The longest duration ipcdemo
// accepts (about 292 years) lies well inside time_t, and the kernel takes such a
// deadline as it is: the call simply waits that long.
#pragma once

#include <time.h>

#include <chrono>

namespace ipcdemo {

// `time` + `delta` (delta >= 0), normalised (0 <= tv_nsec < 1e9).
timespec plus(timespec time, std::chrono::nanoseconds delta);
// (Now on a clock + a timeout is sys::deadline_after: reading a clock is sys's.)
// a < b
bool before(const timespec& a, const timespec& b);

} // namespace ipcdemo
