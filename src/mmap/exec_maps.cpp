// SPDX-License-Identifier: MIT
#include "mmap/exec_maps.hpp"

#include "sys/directory.hpp"
#include "sys/narrate.hpp"
#include "sys/process.hpp"
#include "sys/strace.hpp"

#include "base/error.hpp"
#include "base/escape.hpp"
#include "base/signals.hpp"
#include "mmap/legend.hpp"
#include "mmap/proc_maps.hpp"

#include <fcntl.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <set>
#include <sstream>
#include <thread>

namespace ipcdemo::mmap {

namespace {

std::vector<maps::Region> maps_of(pid_t pid) {
  return maps::parse(sys::read_small_file(fmt::format("/proc/{}/maps", pid)).value_or(""));
}

// Nanoseconds a process has spent runnable but waiting for a CPU (the second field
// of /proc/PID/schedstat); 0 when the kernel does not say.
std::chrono::nanoseconds runqueue_wait(pid_t pid) {
  const auto text = sys::read_small_file(fmt::format("/proc/{}/schedstat", pid), nullptr, 256);
  if (!text) return {};
  std::istringstream fields(*text);
  long long ran = 0;
  long long waited = 0;
  return fields >> ran >> waited ? std::chrono::nanoseconds(waited) : std::chrono::nanoseconds{};
}

// "Still running after N ms" means N ms of the program's own time: on a busy machine
// (a parallel test run, a build), the time it and its tracer waited for a CPU is added
// to the deadline, so that /bin/true under strace is never called still running.
class Patience {
 public:
  Patience(int ms, std::vector<pid_t> pids)
      : start_(std::chrono::steady_clock::now()), patience_(ms), pids_(std::move(pids)) {
    for (const pid_t pid : pids_) waited_at_start_.push_back(runqueue_wait(pid));
  }
  // When patience runs out if nobody waits for a CPU from now on: poll until then.
  std::chrono::steady_clock::time_point deadline() const {
    auto deadline = start_ + patience_;
    for (std::size_t i = 0; i < pids_.size(); ++i)
      deadline += std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::max(runqueue_wait(pids_[i]) - waited_at_start_[i], std::chrono::nanoseconds{}));
    return deadline;
  }
  bool exhausted() const { return std::chrono::steady_clock::now() >= deadline(); }

 private:
  std::chrono::steady_clock::time_point start_;
  std::chrono::milliseconds patience_;
  std::vector<pid_t> pids_;
  std::vector<std::chrono::nanoseconds> waited_at_start_;
};

// Marks the first row of the program and of its loader.
std::vector<maps::Marker> markers_for(const std::vector<maps::Region>& regions, const std::string& program) {
  std::vector<maps::Marker> markers;
  bool program_marked = false;
  bool loader_marked = false;
  for (const auto& region : regions) {
    if (!program_marked && region.path == program) {
      markers.push_back({region.start, "the program"});
      program_marked = true;
    } else if (!loader_marked && region.path.find("/ld-linux") != std::string::npos) {
      markers.push_back({region.start, "the loader (PT_INTERP), mapped by the kernel"});
      loader_marked = true;
    }
  }
  return markers;
}

std::set<std::string> paths_of(const std::vector<maps::Region>& regions) {
  std::set<std::string> paths;
  for (const auto& region : regions)
    if (!region.path.empty()) paths.insert(region.path);
  return paths;
}

std::string program_path(pid_t pid) { return sys::read_link(fmt::format("/proc/{}/exe", pid)).value_or(""); }

int status_of(int wait_status) {
  return WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : 128 + WTERMSIG(wait_status);
}

// waitpid, sitting out EINTR unless a signal asks us to stop; with `hang` false, 0 when nothing changed.
pid_t wait_child(pid_t pid, int& wait_status, bool hang) {
  const auto status = sys::waitpid(pid, hang ? 0 : WNOHANG, "--exec");
  if (!status) return 0;
  wait_status = *status;
  return pid;
}

bool being_traced() {
  std::istringstream status(sys::read_small_file("/proc/self/status").value_or(""));
  for (std::string line; std::getline(status, line);)
    if (line.starts_with("TracerPid:")) return std::strtol(line.c_str() + 10, nullptr, 10) != 0;
  return false;
}

// The program's own calls that prepare its address space, for strace's -e trace=.
constexpr std::string_view loader_calls = "%memory,openat,close,read,pread64,arch_prctl,exit,exit_group";

// The program's process group (the program and what it started) ends with the
// command, however it ends: nothing it left behind outlives us holding our stderr.
struct EndGroup {
  explicit EndGroup(pid_t leader) : group(leader) {}
  pid_t group;
  EndGroup(const EndGroup&) = delete;
  EndGroup& operator=(const EndGroup&) = delete;
  EndGroup(EndGroup&&) = delete;
  EndGroup& operator=(EndGroup&&) = delete;
  ~EndGroup() {
    const narrate::Check check; // ours, not the lesson's: -vv
    sys::kill(-group, SIGKILL); // ESRCH when nothing is left: fine
  }
};

// After ptrace has let go, PTRACE_O_EXITKILL no longer ends the program with us:
// this does, on every way out that did not reap it.
struct KillUnlessReaped {
  explicit KillUnlessReaped(pid_t child) : pid(child) {}
  pid_t pid;
  bool reaped = false;
  KillUnlessReaped(const KillUnlessReaped&) = delete;
  KillUnlessReaped& operator=(const KillUnlessReaped&) = delete;
  KillUnlessReaped(KillUnlessReaped&&) = delete;
  KillUnlessReaped& operator=(KillUnlessReaped&&) = delete;
  ~KillUnlessReaped() {
    if (reaped) return;
    sys::kill(pid, SIGKILL);
    sys::reap(pid);
  }
};

void print_second_view(const std::vector<maps::Region>& at_exec, const std::vector<maps::Region>& later,
                       const std::string& program, const std::string& when) {
  fmt::print("\n{}\n{}", when, maps::format_table(later, markers_for(later, program)));
  const auto before = paths_of(at_exec);
  std::string added;
  for (const auto& path : paths_of(later))
    if (!before.contains(path)) added += (added.empty() ? "" : ", ") + path;
  fmt::print("\nMapped since execve: {}\n", added.empty() ? "nothing named" : added);
  fmt::print("\n{}", maps::legend(later));
}

// --strace: the stopped program is handed from our ptrace to strace -p, which shows
// the calls the loader and the program make. strace holds it at the entry of its
// exit_group (delay_enter: it stays in that stop, its address space whole) while its
// maps are read; then strace is told to detach, and the exit_group runs: the program
// ends as it would have, with its own status. (The hold is long, as strace is told to
// go as soon as the maps are read; only if ipcdemo were killed would it last.)
constexpr std::string_view hold_at_exit = "inject=exit_group:delay_enter=60s:when=1";

int follow_with_strace(pid_t child, const std::string& program, const std::vector<maps::Region>& at_exec,
                       const std::string& name, int patience_ms) {
  // Detaching with SIGSTOP: the signal is taken before the program's first instruction.
  ::ptrace(PTRACE_DETACH, child, nullptr,
           reinterpret_cast<void*>(static_cast<long>(SIGSTOP))); // NOLINT(performance-no-int-to-ptr)
  KillUnlessReaped guard{child};
  const auto stopped = sys::waitpid(child, WUNTRACED, "--exec");
  if (!stopped || !WIFSTOPPED(*stopped))
    throw Error(exit_code::failure, fmt::format("--exec: {} did not stay stopped for strace", name));
  sys::StraceAttachment strace(child,
                               {"-e", "trace=" + std::string(loader_calls), "-e", std::string(hold_at_exit)});
  fmt::print(
      "\nWhat it does next, as strace(1) shows it, attached to the same process\n"
      "(strace -e trace={} -p {}):\n"
      "the loader opens and maps libc.so.6, makes relocated parts read-only, then the program runs.\n",
      loader_calls, child);
  std::fflush(stdout);
  sys::kill(child, SIGCONT);
  const Patience patience(patience_ms, {child, strace.tracer()});
  std::vector<maps::Region> later;
  bool killed = false;
  bool held = false; // strace has shown the entry of exit_group and holds the program there
  std::string line;
  for (;;) {
    const auto next = strace.next_line(
        line, killed || held ? std::chrono::steady_clock::time_point::max() : patience.deadline());
    if (next == sys::StraceAttachment::Next::end) break;
    if (next == sys::StraceAttachment::Next::timeout) {
      if (!patience.exhausted()) continue; // it waited for a CPU meanwhile: more time
      sys::kill(child, SIGSTOP);           // shown as it is, below, then killed
      killed = true;
      continue;
    }
    if (next == sys::StraceAttachment::Next::unfinished) {
      // strace prints a call on entry: this one it holds there until it detaches.
      if (!held && !killed && line.starts_with("exit_group(")) {
        held = true;
        later = maps_of(child);
        strace.detach();
      }
      continue;
    }
    // The held call's line is ended by strace's note that it detached: two lines.
    if (const auto note = line.find("strace: Process "); held && note != std::string::npos && note > 0) {
      fmt::print("  {}\n", escape::line(line.substr(0, note)));
      line.erase(0, note);
    }
    fmt::print("  {}\n", escape::line(line)); // strace quotes C-style already
    // The stop strace found it in when it attached is reported too: wait for the one we caused.
    if (later.empty() && killed && line.find("--- stopped by SIGSTOP ---") != std::string::npos) {
      later = maps_of(child);
      // It stays stopped when strace lets go; killed under strace, it would race strace's
      // next ptrace call on it (PTRACE_LISTEN: "Input/output error").
      strace.detach();
    }
  }
  if (killed) sys::kill(child, SIGKILL);
  const auto exited = sys::waitpid(child, 0, "--exec");
  guard.reaped = true;
  const int status = exited ? status_of(*exited) : exit_code::failure;
  if (later.empty()) {
    fmt::print("\n(It ended, status {}, before it could be stopped again.)\n", status);
    return exit_code::ok;
  }
  print_second_view(at_exec, later, program,
                    killed
                        ? fmt::format("2. Still running after {} ms, stopped and then killed:", patience_ms)
                        : "2. As it exits: strace held it at the entry of exit_group above (delay_enter,\n"
                          "   at ipcdemo's request), where its address space is still whole, while these\n"
                          "   maps were read; then strace detached and the exit_group ran. The loader has\n"
                          "   mapped the shared libraries and made their relocated parts read-only (the\n"
                          "   r--p rows).");
  if (!killed) fmt::print("({} ended with status {}.)\n", name, status);
  return exit_code::ok;
}

} // namespace

int show_exec_maps(const std::vector<std::string>& command, int patience_ms) {
  if (command.empty() || command.front().empty()) throw UsageError("--exec: give a command to run");
  // Under strace -f or a debugger the child would be theirs: one tracer per process.
  if (being_traced())
    throw Error(
        exit_code::failure, "--exec: ipcdemo is being traced (by strace -f, or a debugger)",
        "a process has one tracer only; for strace's view of CMD run: ipcdemo --strace mmap maps --exec CMD");
  std::vector<char*> argv;
  std::vector<std::string> copies = command;
  argv.reserve(copies.size() + 1);
  for (auto& arg : copies) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t child = sys::fork("--exec");
  if (child == 0) {
    // A process group of its own: what the program starts (a background job) is
    // ended with it, as GNU timeout ends a command's group.
    ::setpgid(0, 0);
    const int null = ::open("/dev/null", O_RDWR);
    if (null >= 0) {
      ::dup2(null, STDIN_FILENO);
      ::dup2(null, STDOUT_FILENO);
    }
    // The kernel stops a tracee with SIGTRAP right after a successful execve.
    ::ptrace(PTRACE_TRACEME, 0, nullptr, nullptr);
    ::execvp(argv[0], argv.data());
    fmt::print(stderr, "ipcdemo: execvp {}: {}\n", argv[0], std::strerror(errno));
    ::_exit(127);
  }
  const EndGroup group{child};
  int wait_status = 0;
  wait_child(child, wait_status, true);
  if (!WIFSTOPPED(wait_status))
    throw Error(exit_code::failure, fmt::format("--exec: {} could not be run", command.front()));
  // From here on, the tracee dies with us whatever happens (PTRACE_O_EXITKILL).
  ::ptrace(PTRACE_SETOPTIONS, child, nullptr, PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL);
  const std::string program = program_path(child);
  const auto at_exec = maps_of(child);
  fmt::print(
      "1. Right after execve, stopped before its first instruction (PTRACE_TRACEME): the kernel\n"
      "   has mapped the program, its loader, the stack, vdso and vvar, and nothing else.\n");
  fmt::print("{}", maps::format_table(at_exec, markers_for(at_exec, program)));
  if (sys::started_program_traced())
    return follow_with_strace(child, program, at_exec, command.front(), patience_ms);

  ::ptrace(PTRACE_CONT, child, nullptr, nullptr);
  const Patience patience(patience_ms, {child});
  std::vector<maps::Region> later;
  std::string when;
  bool killed = false;
  for (;;) {
    // Ctrl-C ends us, and PTRACE_O_EXITKILL the program with us.
    signals::throw_if_interrupted();
    const pid_t got = wait_child(child, wait_status, false);
    if (got == 0) {
      if (!killed && patience.exhausted()) {
        sys::kill(child, SIGSTOP); // shown as it is, below, then killed
        killed = true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      continue;
    }
    if (WIFEXITED(wait_status) || WIFSIGNALED(wait_status)) break;
    const int event = wait_status >> 16;
    const int signal = WSTOPSIG(wait_status);
    if (event == PTRACE_EVENT_EXIT || (killed && signal == SIGSTOP)) {
      if (later.empty()) {
        later = maps_of(child);
        when = event == PTRACE_EVENT_EXIT
                   ? "2. As it exits (PTRACE_O_TRACEEXIT), after running: the loader has mapped the\n"
                     "   shared libraries (libc.so.6 ...) with their data and made their relocated parts\n"
                     "   read-only (the new r--p rows); the anonymous rows are memory they and the\n"
                     "   program asked for (a [heap] row if it used malloc)."
                   : fmt::format(
                         "2. Still running after {} ms, stopped and then killed: the loader has\n"
                         "   mapped the shared libraries (libc.so.6 ...).",
                         patience_ms);
      }
      if (killed) sys::kill(child, SIGKILL);
      ::ptrace(PTRACE_CONT, child, nullptr, nullptr);
      continue;
    }
    // Any other signal belongs to the program: pass it on.
    // ptrace's data argument carries the signal number as a pointer-sized integer.
    ::ptrace(PTRACE_CONT, child, nullptr,
             reinterpret_cast<void*>(static_cast<long>(signal))); // NOLINT(performance-no-int-to-ptr)
  }
  const int status = status_of(wait_status);
  if (later.empty()) {
    fmt::print("\n(It ended, status {}, before it could be stopped again.)\n", status);
    return exit_code::ok;
  }
  print_second_view(at_exec, later, program, when);
  if (!killed) fmt::print("({} ended with status {}.)\n", command.front(), status);
  return exit_code::ok;
}

} // namespace ipcdemo::mmap
