// SPDX-License-Identifier: MIT
#include "tour/child.hpp"

#include "base/error.hpp"
#include "sys/clock.hpp"
#include "sys/directory.hpp"
#include "sys/process.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>

namespace ipcdemo::tour {

Child::Child(std::string label, const std::vector<std::string>& args, const std::string& input,
             bool discard_stdout)
    : label_(std::move(label)) {
  sys::Pipe pipe = sys::pipe(label_.empty() ? "tour output pipe" : label_);
  sys::SpawnActions actions;
  if (discard_stdout)
    actions.open(STDOUT_FILENO, "/dev/null", O_WRONLY);
  else
    actions.dup2(pipe.write.get(), STDOUT_FILENO);
  actions.dup2(pipe.write.get(), STDERR_FILENO);
  if (!input.empty()) actions.open(STDIN_FILENO, input, O_RDONLY);
  std::vector<std::string> argv{"ipcdemo"};
  argv.insert(argv.end(), args.begin(), args.end());
  pid_ = sys::spawn(label_, "/proc/self/exe", argv, actions);
  output_ = std::move(pipe.read);
  // pipe.write closes here: the child holds the only writing end, so its exit is our end of file.
}

Child::Child(Child&& other) noexcept
    : label_(std::move(other.label_)),
      pid_(other.pid_),
      output_(std::move(other.output_)),
      eof_(other.eof_),
      reaped_(other.reaped_),
      status_(other.status_),
      partial_(std::move(other.partial_)) {
  other.pid_ = -1;
}

Child::~Child() {
  if (pid_ > 0 && !reaped_) {
    sys::kill(pid_, SIGTERM);
    // Bounded: a child that does not end within 2 s of SIGTERM gets SIGKILL.
    bool ended = false;
    for (int i = 0; i < 200 && !ended; ++i) {
      try {
        ended = sys::waitpid(pid_, WNOHANG, "tour step").has_value();
      } catch (const Error&) {
        ended = false; // interrupted: keep bounding, then kill
      }
      if (!ended) sys::sleep_for(std::chrono::milliseconds(10));
    }
    if (!ended) {
      sys::kill(pid_, SIGKILL);
      sys::reap(pid_);
    }
  }
}

std::vector<std::string> Child::read_lines() {
  std::vector<std::string> lines;
  char buffer[4096];
  const std::size_t got = sys::read(output_.get(), label_, buffer, sizeof buffer);
  if (got == 0) {
    eof_ = true;
    if (!partial_.empty()) lines.push_back(std::move(partial_));
    partial_.clear();
    return lines;
  }
  partial_.append(buffer, got);
  std::size_t newline = 0;
  while ((newline = partial_.find('\n')) != std::string::npos) {
    lines.push_back(partial_.substr(0, newline));
    partial_.erase(0, newline + 1);
  }
  return lines;
}

int Child::wait() {
  if (reaped_) return status_;
  const int status = *sys::waitpid(pid_, 0, label_);
  reaped_ = true;
  status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return status_;
}

bool Child::blocked() const {
  const auto stat = sys::read_small_file("/proc/" + std::to_string(pid_) + "/stat", nullptr, 4096);
  if (!stat) return false;
  const std::string_view line = *stat;
  // The state follows the command name, which is in parentheses and may hold spaces.
  const auto close = line.rfind(')');
  return close != std::string::npos && close + 2 < line.size() && line[close + 2] == 'S';
}

} // namespace ipcdemo::tour
