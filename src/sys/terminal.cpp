// SPDX-License-Identifier: MIT
#include "sys/terminal.hpp"

#include "base/error.hpp"
#include "base/signals.hpp"

#include <signal.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <cstdlib>

#include <algorithm>
#include <cerrno>

namespace ipcdemo::sys {

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }

WindowSize window_size() {
  winsize size{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col == 0 || size.ws_row == 0) return {};
  return {.columns = size.ws_col, .rows = size.ws_row};
}

int prose_width() { return std::clamp(output_size().columns, 40, 80); }

std::optional<int> stderr_columns() {
  winsize size{};
  if (::isatty(STDERR_FILENO) != 1 || ::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col == 0)
    return std::nullopt;
  return size.ws_col;
}

namespace {
// A positive number from the environment variable `name`, or `fallback`.
int from_environment(const char* name, int fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  return *end == '\0' && value > 0 && value < 10000 ? static_cast<int>(value) : fallback;
}
} // namespace

WindowSize output_size() {
  if (stdout_is_terminal()) return window_size();
  return {.columns = from_environment("COLUMNS", 80), .rows = from_environment("LINES", 24)};
}

ScreenSignals::ScreenSignals(bool full_screen) {
  sigemptyset(&set_);
  sigaddset(&set_, SIGWINCH);
  if (full_screen) {
    sigaddset(&set_, SIGTSTP);
    sigaddset(&set_, SIGQUIT);
  }
  ::sigprocmask(SIG_BLOCK, &set_, nullptr);
}

ScreenSignals::~ScreenSignals() {
  // A Ctrl-Z or Ctrl-\ still pending acts once unblocked, as it would have.
  ::sigprocmask(SIG_UNBLOCK, &set_, nullptr);
}

void ScreenSignals::stop() {
  sigset_t stop_set;
  sigemptyset(&stop_set);
  sigaddset(&stop_set, SIGTSTP);
  ::raise(SIGTSTP); // pending while blocked: its default action, to stop, comes on unblocking
  ::sigprocmask(SIG_UNBLOCK, &stop_set, nullptr);
  ::sigprocmask(SIG_BLOCK, &stop_set, nullptr); // continued (fg): as before
}

ScreenSignals::Event ScreenSignals::wait(std::chrono::nanoseconds timeout) {
  const sigset_t& set = set_;
  timespec due{};
  ::clock_gettime(CLOCK_MONOTONIC, &due);
  const auto add = [](timespec t, std::chrono::nanoseconds d) {
    const auto total = std::chrono::seconds(t.tv_sec) + std::chrono::nanoseconds(t.tv_nsec) + d;
    t.tv_sec = std::chrono::duration_cast<std::chrono::seconds>(total).count();
    t.tv_nsec = (total - std::chrono::seconds(t.tv_sec)).count();
    return t;
  };
  due = add(due, timeout);
  for (;;) {
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    const auto left =
        std::chrono::seconds(due.tv_sec - now.tv_sec) + std::chrono::nanoseconds(due.tv_nsec - now.tv_nsec);
    if (left.count() <= 0) return Event::timeout;
    const timespec wait{.tv_sec = std::chrono::duration_cast<std::chrono::seconds>(left).count(),
                        .tv_nsec = (left - std::chrono::duration_cast<std::chrono::seconds>(left)).count()};
    const int taken = ::sigtimedwait(&set, nullptr, &wait);
    if (taken == SIGWINCH) return Event::resized;
    if (taken == SIGTSTP) return Event::suspend;
    if (taken == SIGQUIT) throw Interrupted(SIGQUIT); // destructors give the screen back
    if (taken < 0 && errno == EINTR)
      signals::throw_if_interrupted(); // SIGINT's handler ran
    else if (taken < 0 && errno == EAGAIN)
      return Event::timeout;
  }
}

} // namespace ipcdemo::sys
