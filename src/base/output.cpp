#include "base/output.hpp"

#include "base/error.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

namespace ipcdemo::output {

namespace {

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

} // namespace

void failed(int err) {
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

} // namespace ipcdemo::output
