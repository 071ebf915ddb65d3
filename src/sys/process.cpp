// SPDX-License-Identifier: MIT
#include "sys/process.hpp"

#include "base/error.hpp"
#include "base/signals.hpp"
#include "sys/narrate.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>

namespace ipcdemo::sys {

namespace {

std::string argv_text(const std::vector<std::string>& argv) {
  std::string out = "[";
  for (const auto& arg : argv) {
    if (out.size() > 1) out += ", ";
    out += narrate::quoted(arg);
  }
  return out + "]";
}

// posix_spawn and its helpers return the error number instead of setting errno.
std::string returned(int rc) { return rc == 0 ? "0" : narrate::errno_name(rc); }

} // namespace

SpawnActions::SpawnActions() {
  if (const int rc = ::posix_spawn_file_actions_init(&actions_); rc != 0)
    throw SysError("posix_spawn_file_actions_init", "", rc);
}

SpawnActions::~SpawnActions() { ::posix_spawn_file_actions_destroy(&actions_); }

std::string SpawnActions::description() const {
  if (steps_.empty()) return "NULL";
  std::string out = "[";
  for (const auto& step : steps_) out += (out.size() > 1 ? ", " : "") + step;
  return out + "]";
}

void SpawnActions::dup2(int fd, int target) {
  if (const int rc = ::posix_spawn_file_actions_adddup2(&actions_, fd, target); rc != 0)
    throw SysError("posix_spawn_file_actions_adddup2", std::to_string(fd), rc);
  steps_.push_back(fmt::format("dup2({}, {})", fd, target));
}

void SpawnActions::open(int target, const std::string& path, int flags) {
  if (const int rc = ::posix_spawn_file_actions_addopen(&actions_, target, path.c_str(), flags, 0); rc != 0)
    throw SysError("posix_spawn_file_actions_addopen", path, rc);
  steps_.push_back(
      fmt::format("open({}, {}, {})", target, narrate::quoted(path), narrate::open_flags(flags)));
}

pid_t spawn(const std::string& name, const std::string& path, const std::vector<std::string>& argv,
            const SpawnActions& actions) {
  std::vector<std::string> copies = argv;
  std::vector<char*> pointers;
  pointers.reserve(copies.size() + 1);
  for (auto& arg : copies) pointers.push_back(arg.data());
  pointers.push_back(nullptr);
  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, path.c_str(), actions.get(), nullptr, pointers.data(), environ);
  if (narrate::on())
    narrate::emit("posix_spawn",
                  fmt::format("[{}], {}, {}, NULL, {}, environ", rc == 0 ? std::to_string(pid) : "?",
                              narrate::quoted(path), actions.description(), argv_text(argv)),
                  returned(rc));
  if (rc != 0) throw SysError("posix_spawn", name, rc);
  return pid;
}

pid_t fork(const std::string& name) {
  const pid_t pid = ::fork();
  const int err = errno;
  // Narrated in the parent only: the child's line would interleave with it.
  if (pid != 0 && narrate::on()) narrate::emit("fork", "", narrate::result(pid, err));
  if (pid < 0) throw SysError("fork", name, err);
  return pid;
}

bool kill(pid_t pid, int signo) noexcept {
  const int rc = ::kill(pid, signo);
  const int err = errno;
  if (narrate::on())
    narrate::emit("kill", fmt::format("{}, {}", pid, narrate::signal_name(signo)), narrate::result(rc, err));
  return rc == 0;
}

std::optional<int> waitpid(pid_t pid, int options, const std::string& name) {
  for (;;) {
    int status = 0;
    const pid_t rc = ::waitpid(pid, &status, options);
    const int err = errno;
    if (narrate::on())
      narrate::emit("waitpid",
                    fmt::format("{}, {}, {}", pid, rc > 0 ? "[" + narrate::wait_status(status) + "]" : "NULL",
                                (options & WNOHANG) != 0 ? "WNOHANG" : "0"),
                    narrate::result(rc, err));
    if (rc > 0) return status;
    if (rc == 0) return std::nullopt; // WNOHANG, still running
    if (err != EINTR) throw SysError("waitpid", name, err);
    signals::throw_if_interrupted();
  }
}

void reap(pid_t pid) noexcept {
  for (;;) {
    int status = 0;
    const pid_t rc = ::waitpid(pid, &status, 0);
    const int err = errno;
    if (narrate::on())
      narrate::emit("waitpid",
                    fmt::format("{}, {}, 0", pid, rc > 0 ? "[" + narrate::wait_status(status) + "]" : "NULL"),
                    narrate::result(rc, err));
    if (rc >= 0 || err != EINTR) return;
  }
}

std::optional<rlimit> resource_limit(int resource) {
  rlimit limit{};
  if (::getrlimit(resource, &limit) != 0) return std::nullopt;
  return limit;
}

} // namespace ipcdemo::sys
