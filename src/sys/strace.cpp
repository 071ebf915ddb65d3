// SPDX-License-Identifier: MIT
#include "sys/strace.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "base/signals.hpp"
#include "sys/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <thread>

namespace ipcdemo::sys {

namespace {

std::optional<std::string> find_in_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "/usr/bin:/bin";
  while (!dirs.empty()) {
    const auto colon = dirs.find(':');
    const std::string dir(dirs.substr(0, colon));
    dirs.remove_prefix(colon == std::string_view::npos ? dirs.size() : colon + 1);
    const std::string candidate = (dir.empty() ? "." : dir) + "/" + program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

// The system's strace first, where Debian installs it: a program named strace
// earlier in PATH (a directory anyone may write, a wrapper) is not taken for it.
// PATH is looked at only when there is none there. -v says which one runs.
std::string strace_path() {
  std::optional<std::string> strace;
  for (const char* fixed : {"/usr/bin/strace", "/bin/strace"})
    if (::access(fixed, X_OK) == 0) {
      strace = fixed;
      break;
    }
  if (!strace) strace = find_in_path("strace");
  if (!strace)
    throw Error(exit_code::failure, "--strace: strace is not installed",
                "install it (Debian: apt-get install strace), or use -v for ipcdemo's own narration");
  log::debug("--strace: running {}", *strace);
  return *strace;
}

bool started_program_traced_ = false;

bool traced(pid_t pid) {
  std::ifstream status(fmt::format("/proc/{}/status", pid));
  for (std::string line; std::getline(status, line);)
    if (line.starts_with("TracerPid:")) return std::strtol(line.c_str() + 10, nullptr, 10) != 0;
  return false;
}

// waitpid that sits out EINTR: Ctrl-C reaches the child too, which ends on its own.
int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return exit_code::failure;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace

std::string strace_filter() {
  return "openat,close,newfstatat,fstat,ftruncate,lseek,mmap,munmap,unlink,link,linkat,futex,"
         "mq_open,mq_unlink,mq_timedsend,mq_timedreceive,mq_notify,mq_getsetattr,vmsplice";
}

std::optional<int> fork_under_strace() {
  const auto strace = strace_path();
  int go[2];
  if (::pipe2(go, O_CLOEXEC) != 0) throw SysError("pipe2", "--strace", errno);
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t child = ::fork();
  if (child < 0) throw SysError("fork", "--strace", errno);
  if (child == 0) {
    ::close(go[1]);
    // Yama's ptrace_scope 1 lets only ancestors attach: strace is our sibling.
    ::prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
    char word = 0;
    ssize_t got = 0;
    while ((got = ::read(go[0], &word, 1)) < 0 && errno == EINTR) {
    }
    // go[0] stays open (close-on-exec): closing it now would be the first line of the trace.
    if (got != 1 || word != 'g') ::_exit(exit_code::failure); // the parent gave up
    return std::nullopt;
  }
  ::close(go[0]);
  const std::string child_pid = std::to_string(child);
  const std::string filter = "trace=" + strace_filter();
  std::vector<std::string> args = {"strace", "-q", "-f", "-e", filter, "-p", child_pid};
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t tracer = -1;
  const int rc = ::posix_spawn(&tracer, strace.c_str(), nullptr, nullptr, argv.data(), environ);
  const auto give_up = [&](const std::string& why, const std::string& hint) -> std::optional<int> {
    ::close(go[1]); // the child reads end of file and leaves
    wait_for(child);
    if (tracer > 0) wait_for(tracer);
    throw Error(exit_code::failure, "--strace: " + why, hint);
  };
  if (rc != 0) return give_up(fmt::format("posix_spawn {}: {}", strace, std::strerror(rc)), "");
  // Bounded: strace attaches within milliseconds, or fails and exits.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!traced(child)) {
    int status = 0;
    if (::waitpid(tracer, &status, WNOHANG) == tracer) {
      tracer = -1;
      // strace has said why on our stderr, above: its words, not a guess, come first.
      return give_up(
          fmt::format("{} ended ({}) before it attached; its own message is above", strace,
                      WIFEXITED(status) ? fmt::format("exit status {}", WEXITSTATUS(status))
                                        : fmt::format("signal {}", WTERMSIG(status))),
          "if it says ptrace was not permitted: a container, or /proc/sys/kernel/yama/ptrace_scope");
    }
    if (std::chrono::steady_clock::now() > deadline) return give_up("strace did not attach within 10 s", "");
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  const char word = 'g';
  while (::write(go[1], &word, 1) < 0 && errno == EINTR) {
  }
  ::close(go[1]);
  const int status = wait_for(child);
  wait_for(tracer); // strace ends when its tracee has: its last lines are out before we return
  return status;
}

void trace_started_program() { started_program_traced_ = true; }
bool started_program_traced() { return started_program_traced_; }

StraceAttachment::StraceAttachment(pid_t pid, const std::vector<std::string>& options) {
  const std::string strace = strace_path();
  int pipe_ends[2];
  if (::pipe2(pipe_ends, O_CLOEXEC) != 0) throw SysError("pipe2", "--strace", errno);
  output_ = pipe_ends[0];
  std::vector<std::string> argv = {"strace"};
  argv.insert(argv.end(), options.begin(), options.end());
  argv.insert(argv.end(), {"-p", std::to_string(pid)});
  {
    SpawnActions actions;
    actions.dup2(pipe_ends[1], STDERR_FILENO); // strace writes its trace and its notes there
    try {
      tracer_ = spawn("--strace", strace, argv, actions);
    } catch (...) {
      ::close(pipe_ends[1]);
      ::close(output_);
      throw;
    }
  }
  ::close(pipe_ends[1]); // strace holds the only writing end: end of file when it ends
  // strace says "strace: Process N attached" once it has; anything else first is why it could not.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  std::string line;
  std::string said;
  for (;;) {
    const Next next = next_line(line, deadline);
    if (next == Next::unfinished) continue; // the rest of it comes
    if (next == Next::line && line.find(" attached") != std::string::npos) return;
    if (next == Next::line) {
      said += (said.empty() ? "" : "; ") + line;
      continue;
    }
    const std::string why =
        next == Next::end ? "strace could not attach" : "strace did not attach within 10 s";
    ::kill(tracer_, SIGTERM);
    ::close(output_);
    output_ = -1;
    reap(tracer_);
    throw Error(exit_code::failure, "--strace: " + why + (said.empty() ? "" : " (" + said + ")"),
                "ptrace may not be allowed here (a container, or /proc/sys/kernel/yama/ptrace_scope)");
  }
}

StraceAttachment::~StraceAttachment() {
  if (output_ >= 0) ::close(output_);
  if (tracer_ <= 0) return;
  int status = 0;
  if (::waitpid(tracer_, &status, WNOHANG) == 0) ::kill(tracer_, SIGTERM); // it detaches and ends
  reap(tracer_);
}

void StraceAttachment::detach() {
  if (tracer_ > 0) ::kill(tracer_, SIGTERM); // not reaped yet: the pid is still strace's
}

StraceAttachment::Next StraceAttachment::next_line(std::string& line,
                                                   std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    if (const auto newline = buffered_.find('\n'); newline != std::string::npos) {
      line = buffered_.substr(0, newline);
      buffered_.erase(0, newline + 1);
      unfinished_shown_ = 0;
      return Next::line;
    }
    if (output_ < 0) {
      if (buffered_.empty()) return Next::end;
      line = std::move(buffered_); // a last line without its newline
      buffered_.clear();
      unfinished_shown_ = 0;
      return Next::line;
    }
    // A call's entry that came in the same read as whole lines before it: its line
    // is unfinished now, and may stay so (a call strace holds at its entry).
    if (!buffered_.empty() && buffered_.size() != unfinished_shown_) {
      line = buffered_;
      unfinished_shown_ = buffered_.size();
      return Next::unfinished;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return Next::timeout;
    pollfd ready{.fd = output_, .events = POLLIN, .revents = 0};
    const int rc = ::poll(&ready, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (rc < 0 && errno != EINTR) throw SysError("poll", "--strace", errno);
    signals::throw_if_interrupted();
    if (rc <= 0) continue;
    char chunk[4096];
    const ssize_t got = ::read(output_, chunk, sizeof chunk);
    if (got < 0 && errno != EINTR) throw SysError("read", "strace's output", errno);
    if (got > 0) buffered_.append(chunk, static_cast<std::size_t>(got));
    if (got == 0) {
      ::close(output_);
      output_ = -1;
    }
  }
}

} // namespace ipcdemo::sys
