// SPDX-License-Identifier: MIT
// The terminal, for full-screen output with plain ANSI escape codes: whether
// stdout is one, its size, and a wait that a window resize (SIGWINCH) cuts short.
#pragma once

#include <chrono>

namespace ipcdemo::sys {

bool stdout_is_terminal();

struct WindowSize {
  int columns = 80;
  int rows = 24;
};
// TIOCGWINSZ on stdout; 80x24 when it cannot say.
WindowSize window_size();
// The size output should fit: the terminal's on standard output; where that is no
// terminal, COLUMNS and LINES from the environment; 80x24 for what neither says.
WindowSize output_size();

// While it lives, SIGWINCH is blocked, so that wait_or_resize can take it.
class ResizeSignal {
 public:
  ResizeSignal();
  ~ResizeSignal();
  ResizeSignal(const ResizeSignal&) = delete;
  ResizeSignal& operator=(const ResizeSignal&) = delete;
  ResizeSignal(ResizeSignal&&) = delete;
  ResizeSignal& operator=(ResizeSignal&&) = delete;

  // Sleeps for `timeout` at most. true when the window was resized meanwhile.
  // SIGINT/SIGTERM end it with Interrupted.
  bool wait_or_resize(std::chrono::nanoseconds timeout);
};

} // namespace ipcdemo::sys
