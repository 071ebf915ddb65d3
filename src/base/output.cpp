// SPDX-License-Identifier: MIT
#include "base/output.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "base/made.hpp"
#include "base/signals.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <new>

namespace ipcdemo::output {

namespace {

// A character device that is no terminal: /dev/null, where nobody watches.
bool discarded() {
  struct stat info {};
  return ::fstat(STDOUT_FILENO, &info) == 0 && S_ISCHR(info.st_mode) && isatty(STDOUT_FILENO) == 0;
}

// stdio keeps only a flag once a write failed, and a later fflush may find
// nothing left to write: ask the descriptor itself what is wrong with it.
int diagnose(int fd) {
  if (::fcntl(fd, F_GETFL) < 0) return errno; // EBADF: stdout was closed
  struct stat info {};
  if (::fstat(fd, &info) == 0 && (S_ISFIFO(info.st_mode) || S_ISSOCK(info.st_mode))) {
    // A pipe whose reader is gone polls as POLLERR.
    pollfd waiter{fd, POLLOUT, 0};
    if (::poll(&waiter, 1, 0) == 1 && (waiter.revents & POLLERR) != 0) return EPIPE;
  }
  // Devices such as /dev/full refuse even an empty write with their error.
  if (::write(fd, "", 0) < 0) return errno;
  return EIO;
}

// fopencookie's write: all of `size`, unless a signal arrives or write(2) fails.
// A short count sets stdio's error flag, and the caller's check ends the command.
ssize_t write_stdout(void* /*cookie*/, const char* data, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t wrote = ::write(STDOUT_FILENO, data + done, size - done);
    if (wrote > 0) done += static_cast<std::size_t>(wrote);
    if (wrote < 0 && errno != EINTR) break;
    if (wrote == 0 || signals::pending() != 0) {
      errno = wrote == 0 ? EIO : EINTR;
      break;
    }
  }
  return done == 0 && size > 0 ? -1 : static_cast<ssize_t>(done);
}

} // namespace

void take_stdout() {
  const cookie_io_functions_t functions{
      .read = nullptr, .write = write_stdout, .seek = nullptr, .close = nullptr};
  FILE* const stream = ::fopencookie(nullptr, "w", functions);
  if (stream == nullptr) return;
  std::setvbuf(stream, nullptr, ::isatty(STDOUT_FILENO) == 1 ? _IOLBF : _IOFBF, BUFSIZ);
  // glibc's stdout is a variable, meant to be set.
  stdout = stream; // NOLINT(cppcoreguidelines-pro-type-cstyle-cast)
}

int report(const Error& error) {
  std::string line = error.line();
  // Made before the failure: it exists, and the line says so.
  for (const auto& what : made::so_far()) line += "; " + what + " before this, and it exists";
  error_line(line);
  return error.exit_code();
}

void failed(int err) {
  signals::throw_if_interrupted(); // cut short by a signal: that, not a failed write
  if (err == 0) err = diagnose(STDOUT_FILENO);
  if (err == EPIPE) throw BrokenPipe();
  throw SysError("write", "standard output", err);
}

void finish() {
  const bool failed_before = std::ferror(stdout) != 0;
  errno = 0;
  const bool flushed = std::fflush(stdout) == 0;
  const int err = errno;
  if (flushed && !failed_before) return;
  failed(flushed ? 0 : err);
}

Records::Records(bool waits_between) : flush_each_(waits_between && !discarded()) {
  // Full buffering even on a terminal when nobody waits for each record: a
  // line-buffered terminal would cost one write(2) per line.
  if (!flush_each_) std::setvbuf(stdout, nullptr, _IOFBF, 1 << 16);
}

void Records::put(std::string_view record) {
  errno = 0;
  const bool written = fwrite_unlocked(record.data(), 1, record.size(), stdout) == record.size();
  const int err = errno; // stdio keeps only a flag: take the cause now
  if (written && !flush_each_) return;
  try {
    if (!written) failed(err);
    finish();
  } catch (const SysError&) {
    // A write blocked on a full pipe comes back with EINTR when Ctrl-C arrives:
    // that is an interruption (exit 130), not a failed write.
    signals::throw_if_interrupted();
    throw;
  }
}

void error_line(std::string_view line) noexcept {
  std::fflush(stdout); // what the command printed comes first
  std::fputs("ipcdemo: ", stderr);
  std::string fitted;
  try {
    fitted = log::fit_to_terminal(std::string(line), 9, 9); // under its own first word
    line = fitted;
  } catch (const std::bad_alloc&) { // out of memory: the line as it is
  }
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fputc('\n', stderr);
  std::fflush(stderr);
}

} // namespace ipcdemo::output
