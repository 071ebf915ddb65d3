// SPDX-License-Identifier: MIT
#include "sys/transfer.hpp"

#include "base/error.hpp"
#include "base/signals.hpp"
#include "sys/fd.hpp"
#include "sys/narrate.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>

namespace ipcdemo::sys {

namespace {

// Decides what to do after a transfer call failed: retry (EINTR, or EAGAIN on a
// non-blocking descriptor after waiting), or end the command.
void handle_failure(int fd, const char* call, const std::string& name, int err) {
  if (err == EINTR) {
    signals::throw_if_interrupted();
    return;
  }
  if (err == EAGAIN) {
    pollfd waiter{fd, POLLOUT, 0};
    sys::poll(std::span(&waiter, 1), -1);
    return;
  }
  if (err == EPIPE) throw BrokenPipe();
  throw SysError(call, name, err);
}

} // namespace

void write_all(int fd, const std::string& name, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t done = ::write(fd, data, size);
    const int err = errno;
    if (narrate::on())
      narrate::emit("write", fmt::format("{}, {}, {}", fd, narrate::pointer(data), size),
                    narrate::result(done, err));
    if (done < 0) {
      handle_failure(fd, "write", name, err);
      continue;
    }
    data += done;
    size -= static_cast<std::size_t>(done);
  }
}

void splice_all(int fd, const std::string& name, const char* data, std::size_t size) {
  while (size > 0) {
    iovec span{const_cast<char*>(data), size};
    const ssize_t done = ::vmsplice(fd, &span, 1, 0);
    const int err = errno;
    if (narrate::on())
      narrate::emit("vmsplice",
                    fmt::format("{}, [{{iov_base={}, iov_len={}}}], 1, 0", fd, narrate::pointer(data), size),
                    narrate::result(done, err));
    if (done < 0) {
      handle_failure(fd, "vmsplice", name, err);
      continue;
    }
    data += done;
    size -= static_cast<std::size_t>(done);
  }
}

bool is_pipe(int fd) {
  struct stat info {};
  return ::fstat(fd, &info) == 0 && S_ISFIFO(info.st_mode);
}

std::size_t grow_pipe(int fd, std::size_t wanted) {
  const int rc = ::fcntl(fd, F_SETPIPE_SZ, static_cast<int>(wanted));
  const int err = errno;
  if (narrate::on())
    narrate::emit("fcntl", fmt::format("{}, F_SETPIPE_SZ, {}", fd, wanted), narrate::result(rc, err));
  if (rc > 0) return static_cast<std::size_t>(rc);
  const int current = ::fcntl(fd, F_GETPIPE_SZ);
  return current > 0 ? static_cast<std::size_t>(current) : 0;
}

} // namespace ipcdemo::sys
