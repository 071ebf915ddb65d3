// SPDX-License-Identifier: MIT
// `ipcdemo --strace ...`: the same command, its system calls shown by the real
// strace(1), filtered for IPC. The narration of -v is ipcdemo's own account of
// its calls; this is the kernel's: sem_open turns out to be an openat and a
// mmap, and an uncontended sem_post makes no system call at all.
//
// How: fork; the child waits on a pipe until strace has attached to it (strace
// -p CHILD, TracerPid set), then runs the command; the parent waits for the child
// and then for strace, and exits with the child's status. Attaching after start-up
// keeps the dynamic loader's and C++ runtime's calls out of the trace.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace ipcdemo::sys {

// The -e trace= list: files in /dev/shm and what maps them, sizes them and waits on them.
std::string strace_filter();

// Returns std::nullopt in the traced child, which goes on to run the command, and
// the child's exit status in the parent. Throws Error when strace is missing or
// cannot attach (ptrace not permitted).
std::optional<int> fork_under_strace();

// --strace for a command that starts a program of its own (`mmap maps --exec`):
// dispatch asks for that program to be traced instead of ipcdemo.
void trace_started_program();
bool started_program_traced();

// strace(1) attached (-p) to a process the caller has stopped, its output read
// line by line: the same run that ipcdemo also inspects, seen by the real strace.
class StraceAttachment {
 public:
  // Starts `strace OPTIONS -p PID` with its output on a pipe and returns once
  // strace says it has attached. Throws Error when strace is missing, cannot
  // attach (ptrace not permitted) or does not within 10 s.
  StraceAttachment(pid_t pid, const std::vector<std::string>& options);
  StraceAttachment(const StraceAttachment&) = delete;
  StraceAttachment& operator=(const StraceAttachment&) = delete;
  StraceAttachment(StraceAttachment&&) = delete;
  StraceAttachment& operator=(StraceAttachment&&) = delete;
  // Ends strace if it still runs (it detaches) and reaps it.
  ~StraceAttachment();

  enum class Next { line, unfinished, end, timeout };
  // The next line of strace's output, without its newline; `end` once strace has
  // finished, `timeout` when nothing came before `deadline`. `unfinished` when what
  // came did not end a line: `line` is then the line so far (strace prints a call
  // on entry and its result on exit), and stays buffered; it is returned once for
  // each time it grew, however it arrived (alone, or after whole lines). Throws Interrupted on
  // Ctrl-C.
  Next next_line(std::string& line, std::chrono::steady_clock::time_point deadline);
  // Tells strace to detach (SIGTERM), which lets its tracee go on from where it is
  // stopped; its last lines are still read by next_line.
  void detach();
  // strace's own PID (its time waiting for a CPU slows the tracee as well).
  pid_t tracer() const { return tracer_; }

 private:
  pid_t tracer_ = -1;
  int output_ = -1;
  std::string buffered_;
  std::size_t unfinished_shown_ = 0; // how much of an unfinished line was returned
};

} // namespace ipcdemo::sys
