// SPDX-License-Identifier: MIT
// The terminal, for full-screen output with plain ANSI escape codes: whether
// stdout is one, its size, and a wait that a window resize (SIGWINCH) cuts short.
#pragma once

#include <signal.h>

#include <chrono>
#include <optional>

namespace ipcdemo::sys {

bool stdout_is_terminal();

struct WindowSize {
  int columns = 80;
  int rows = 24;
};
// TIOCGWINSZ on stdout; 80x24 when it cannot say.
WindowSize window_size();
// The width prose on standard output is filled to: output_size's columns, at
// most 80 (prose reads more easily in short lines, as man does) and at least 40.
int prose_width();
// The columns of the terminal on standard error; nothing when it is none.
std::optional<int> stderr_columns();
// The size output should fit: the terminal's on standard output; where that is no
// terminal, COLUMNS and LINES from the environment; 80x24 for what neither says.
WindowSize output_size();

// While it lives, SIGWINCH is blocked, so that wait can take it; with
// `full_screen`, so are SIGTSTP (Ctrl-Z) and SIGQUIT (Ctrl-\\), which a program
// that took the terminal over must answer itself: give the screen back first.
class ScreenSignals {
 public:
  explicit ScreenSignals(bool full_screen);
  ~ScreenSignals();
  ScreenSignals(const ScreenSignals&) = delete;
  ScreenSignals& operator=(const ScreenSignals&) = delete;
  ScreenSignals(ScreenSignals&&) = delete;
  ScreenSignals& operator=(ScreenSignals&&) = delete;

  enum class Event { timeout, resized, suspend };
  // Sleeps for `timeout` at most: `resized` when the window was resized meanwhile,
  // `suspend` for Ctrl-Z (the caller gives the screen back, then calls stop()).
  // SIGINT, SIGTERM, SIGHUP and SIGQUIT end it with Interrupted (exit 128 + n).
  Event wait(std::chrono::nanoseconds timeout);
  // Stops this process as Ctrl-Z would have (SIGTSTP, default action), returning
  // once the shell continues it (fg, SIGCONT).
  void stop();

 private:
  sigset_t set_{};
};

} // namespace ipcdemo::sys
