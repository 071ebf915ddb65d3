#include "sys/strace.hpp"

#include "base/error.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
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
  const auto strace = find_in_path("strace");
  if (!strace)
    throw Error(exit_code::failure, "--strace: strace is not installed",
                "install it (Debian: apt-get install strace), or use -v for ipcdemo's own narration");
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
  const int rc = ::posix_spawn(&tracer, strace->c_str(), nullptr, nullptr, argv.data(), environ);
  const auto give_up = [&](const std::string& why, const std::string& hint) -> std::optional<int> {
    ::close(go[1]); // the child reads end of file and leaves
    wait_for(child);
    if (tracer > 0) wait_for(tracer);
    throw Error(exit_code::failure, "--strace: " + why, hint);
  };
  if (rc != 0) return give_up(fmt::format("posix_spawn {}: {}", *strace, std::strerror(rc)), "");
  // Bounded: strace attaches within milliseconds, or fails and exits.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!traced(child)) {
    int status = 0;
    if (::waitpid(tracer, &status, WNOHANG) == tracer) {
      tracer = -1;
      return give_up("strace could not attach",
                     "ptrace may not be allowed here (a container, or /proc/sys/kernel/yama/ptrace_scope)");
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

} // namespace ipcdemo::sys
