// SPDX-License-Identifier: MIT
// The errors a command can end with, and the exit code each one maps to.
// Every command reports failure by throwing one of these; dispatch prints the
// single line `ipcdemo: <what failed>: <cause>` and exits with the code.
#pragma once

#include <stdexcept>
#include <string>

namespace ipcdemo {

// Exit codes, the same for every command (documented in --help and the man page).
namespace exit_code {
inline constexpr int ok = 0;
inline constexpr int failure = 1;       // a system call failed
inline constexpr int usage = 2;         // bad option, value, name, size or duration
inline constexpr int would_block = 3;   // would block or timed out
inline constexpr int incomplete = 4;    // listed what could be read; a kind could not be (said on stderr)
inline constexpr int internal = 70;     // a bug in ipcdemo itself (EX_SOFTWARE in sysexits.h)
inline constexpr int not_found = 127;   // unknown tool name
inline constexpr int signal_base = 128; // 128 + signal number (130 SIGINT, 143 SIGTERM, 129 SIGHUP)
} // namespace exit_code

class Error : public std::runtime_error {
 public:
  Error(int exit_code, const std::string& message, std::string hint = {})
      : std::runtime_error(message), exit_code_(exit_code), hint_(std::move(hint)) {}
  int exit_code() const { return exit_code_; }
  const std::string& hint() const { return hint_; }
  // The whole line after "ipcdemo: ": message, then the hint if there is one,
  // with control characters escaped (escape::line): names in it may be anyone's.
  std::string line() const;

 private:
  int exit_code_;
  std::string hint_;
};

// Bad input from the user: exit 2.
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message, std::string hint = {})
      : Error(exit_code::usage, message, std::move(hint)) {}
};

// A system call failed: exit 1. Names the call, the object and errno's text.
class SysError : public Error {
 public:
  SysError(std::string call, std::string object, int err, std::string hint = {});
  const std::string& call() const { return call_; }
  const std::string& object() const { return object_; }
  int err() const { return err_; }

 private:
  std::string call_;
  std::string object_;
  int err_;
};

// A programming error inside ipcdemo, never the user's input: exit 70. For
// example a handler asking for an option its command does not declare.
class InternalError : public Error {
 public:
  explicit InternalError(const std::string& message)
      : Error(exit_code::internal, "internal error: " + message, "please report this bug") {}
};
// True when this process cannot open one more descriptor (RLIMIT_NOFILE): tells
// that cause of EMFILE from others (mq_open's RLIMIT_MSGQUEUE).
bool descriptor_limit_reached();

// The operation would block, or its timeout expired: exit 3.
class WouldBlock : public Error {
 public:
  explicit WouldBlock(const std::string& message, std::string hint = {})
      : Error(exit_code::would_block, message, std::move(hint)) {}
};

// SIGINT, SIGTERM or SIGHUP arrived while we were blocked or working: exit 128 + signo,
// after destructors have released what the command held.
class Interrupted : public Error {
 public:
  explicit Interrupted(int signo);
  int signo() const { return signo_; }

 private:
  int signo_;
};

// The reader of standard output went away (EPIPE): end quietly with status 0, as cat does.
class BrokenPipe : public std::exception {
 public:
  const char* what() const noexcept override { return "standard output closed"; }
};

} // namespace ipcdemo
