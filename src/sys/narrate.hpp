// SPDX-License-Identifier: MIT
// Syscall narration: the screenplay's "strace to see how the address space is
// prepared", built in. The typed wrappers in src/sys/ call emit() after every
// system call on a file, mapping or IPC object; nothing else formats these lines.
// The formatters are pure functions so that tests can check them exactly.
#pragma once

#include "base/log.hpp"

#include <signal.h>
#include <sys/types.h>
#include <time.h>

#include <string>
#include <string_view>

namespace ipcdemo::narrate {

// Narration is part of -v (debug level); when it is off a wrapper pays one comparison.
inline bool on() { return log::enabled(log::Level::debug); }

// One strace-style line, `sys: call(args) = result` for a system call or
// `lib: call(args) = result` for a C library function (shm_open, sem_post, ...),
// which is not what strace shows: at -vv (trace) a second line says what the
// library asks of the kernel. `ipcdemo --strace` shows the real system calls.
void emit(std::string_view call, std::string_view args, std::string_view result);

// -v tells the screenplay's story: the calls its programs make, in their order.
// The tool's own safety steps around them (checking a semaphore's mapped bytes, the
// fstat of what was opened, the lstat of a name before it is removed) are not
// part of it: while a Check lives, narrated calls are `check: ...` lines, shown
// from -vv (trace) only. Checks nest.
class Check {
 public:
  Check() noexcept;
  ~Check();
  Check(const Check&) = delete;
  Check& operator=(const Check&) = delete;
  Check(Check&&) = delete;
  Check& operator=(Check&&) = delete;
};
bool checking();
// At -vv, a `check:` line in words: a flag the tool added to a call for safety
// and left out of the -v line, say.
void check_note(std::string_view text);
// At -v, a sentence between the calls that ties them to the lesson, shown as a
// comment: `  # until ftruncate the segment has size 0`.
void note(std::string_view text);

enum class CallKind { system, library };
// Library functions among the narrated calls; everything else is a system call of that name.
CallKind kind_of(std::string_view call);
// For a library function: the system calls under it, in a phrase; empty for a system call.
std::string_view underneath(std::string_view call);

// ---- formatters -----------------------------------------------------------
std::string quoted(std::string_view text);        // "a\nb": escape::visible, in quotes
std::string pointer(const void* address);         // NULL or 0x7f3c2a5e6000
std::string octal(unsigned value);                // 0600
std::string file_mode(mode_t mode);               // S_IFREG|0644
std::string open_flags(int flags);                // O_RDONLY|O_CLOEXEC
std::string prot_flags(int prot);                 // PROT_READ|PROT_WRITE or PROT_NONE
std::string map_flags(int flags);                 // MAP_PRIVATE|MAP_ANONYMOUS
std::string madvise_advice(int advice);           // MADV_SEQUENTIAL
std::string errno_name(int err);                  // ENOENT
std::string sem_open_flags(int flags);            // O_CREAT|O_EXCL, or 0 (sem_open ignores the access mode)
std::string clock_name(clockid_t clock);          // CLOCK_MONOTONIC
std::string timespec_value(const timespec& time); // {tv_sec=12, tv_nsec=500000000}
std::string signal_name(int signo);               // SIGTERM, SIGRTMIN, SIGRTMIN+3
std::string signal_set(const sigset_t& set);      // [SIGINT SIGRTMIN]
std::string wait_status(int status);              // {WIFEXITED(s) && WEXITSTATUS(s) == 0}
std::string poll_events(short events);            // POLLIN|POLLHUP, or 0
// `3`, or `-1 ENOENT` when the call failed.
std::string result(long long value, int err);
// `0x7f3c2a5e6000`, or `-1 EINVAL (Invalid argument)` when mmap failed.
std::string result_pointer(const void* address, bool failed, int err);
// The whole line, as emit() logs it (for tests).
std::string line(std::string_view call, std::string_view args, std::string_view result);

} // namespace ipcdemo::narrate
