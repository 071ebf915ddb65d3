#include "tour/child.hpp"

#include "base/error.hpp"
#include "base/signals.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <fstream>

namespace ipcdemo::tour {

Child::Child(std::string label, const std::vector<std::string>& args, const std::string& input,
             bool discard_stdout)
    : label_(std::move(label)) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw SysError("pipe2", label_, errno);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (discard_stdout)
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  else
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
  if (!input.empty()) posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, input.c_str(), O_RDONLY, 0);
  std::vector<char*> argv;
  std::string program = "ipcdemo";
  argv.push_back(program.data());
  std::vector<std::string> copies = args;
  for (auto& arg : copies) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const int rc = posix_spawn(&pid_, "/proc/self/exe", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (rc != 0) {
    ::close(fds[0]);
    throw SysError("posix_spawn", label_, rc);
  }
  output_ = fds[0];
}

Child::Child(Child&& other) noexcept
    : label_(std::move(other.label_)),
      pid_(other.pid_),
      output_(other.output_),
      eof_(other.eof_),
      reaped_(other.reaped_),
      status_(other.status_),
      partial_(std::move(other.partial_)) {
  other.pid_ = -1;
  other.output_ = -1;
}

Child::~Child() {
  if (pid_ > 0 && !reaped_) {
    ::kill(pid_, SIGTERM);
    // Bounded: a child that does not end within 2 s of SIGTERM gets SIGKILL.
    int status = 0;
    bool ended = false;
    for (int i = 0; i < 200 && !ended; ++i) {
      ended = ::waitpid(pid_, &status, WNOHANG) == pid_;
      if (!ended) ::usleep(10000);
    }
    if (!ended) {
      ::kill(pid_, SIGKILL);
      while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
    }
  }
  if (output_ >= 0) ::close(output_);
}

std::vector<std::string> Child::read_lines() {
  std::vector<std::string> lines;
  char buffer[4096];
  const ssize_t got = ::read(output_, buffer, sizeof buffer);
  if (got < 0) {
    if (errno == EINTR) signals::throw_if_interrupted();
    return lines;
  }
  if (got == 0) {
    eof_ = true;
    if (!partial_.empty()) lines.push_back(std::move(partial_));
    partial_.clear();
    return lines;
  }
  partial_.append(buffer, static_cast<std::size_t>(got));
  std::size_t newline = 0;
  while ((newline = partial_.find('\n')) != std::string::npos) {
    lines.push_back(partial_.substr(0, newline));
    partial_.erase(0, newline + 1);
  }
  return lines;
}

int Child::wait() {
  if (reaped_) return status_;
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0) {
    if (errno != EINTR) throw SysError("waitpid", label_, errno);
    signals::throw_if_interrupted();
  }
  reaped_ = true;
  status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return status_;
}

bool Child::blocked() const {
  std::ifstream stat("/proc/" + std::to_string(pid_) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  // The state follows the command name, which is in parentheses and may hold spaces.
  const auto close = line.rfind(')');
  return close != std::string::npos && close + 2 < line.size() && line[close + 2] == 'S';
}

} // namespace ipcdemo::tour
