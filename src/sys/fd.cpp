#include "sys/fd.hpp"

#include "base/error.hpp"
#include "base/signals.hpp"
#include "sys/narrate.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace ipcdemo::sys {

Fd::Fd(Fd&& other) noexcept : fd_(other.fd_), name_(std::move(other.name_)) { other.fd_ = -1; }

Fd& Fd::operator=(Fd&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = other.fd_;
    name_ = std::move(other.name_);
    other.fd_ = -1;
  }
  return *this;
}

void Fd::close() noexcept {
  if (fd_ < 0) return;
  const int rc = ::close(fd_);
  const int err = errno;
  if (narrate::on()) narrate::emit("close", std::to_string(fd_), narrate::result(rc, err));
  fd_ = -1;
}

Fd open(const std::string& path, int flags, mode_t mode) {
  for (;;) {
    // Opening a FIFO blocks until the other end is opened too.
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC, mode);
    const int err = errno;
    if (narrate::on()) {
      std::string args = narrate::quoted(path) + ", " + narrate::open_flags(flags);
      if ((flags & O_CREAT) != 0) args += ", " + narrate::octal(mode);
      narrate::emit("open", args, narrate::result(fd, err));
    }
    if (fd >= 0) return Fd(fd, path);
    if (err != EINTR) throw SysError("open", path, err);
    signals::throw_if_interrupted();
  }
}

struct stat fstat(const Fd& fd) {
  struct stat info {};
  const int rc = ::fstat(fd.get(), &info);
  const int err = errno;
  if (narrate::on())
    narrate::emit("fstat",
                  fmt::format("{}, {{st_mode={}, st_size={}, ...}}", fd.get(),
                              narrate::file_mode(info.st_mode), info.st_size),
                  narrate::result(rc, err));
  if (rc != 0) throw SysError("fstat", fd.name(), err);
  return info;
}

struct stat stat(const std::string& path) {
  struct stat info {};
  const int rc = ::stat(path.c_str(), &info);
  const int err = errno;
  if (narrate::on())
    narrate::emit("stat",
                  rc == 0 ? fmt::format("{}, {{st_mode={}, st_size={}, ...}}", narrate::quoted(path),
                                        narrate::file_mode(info.st_mode), info.st_size)
                          : fmt::format("{}, {}", narrate::quoted(path), narrate::pointer(&info)),
                  narrate::result(rc, err));
  if (rc != 0) throw SysError("stat", path, err);
  return info;
}

std::size_t read(int fd, const std::string& name, void* buffer, std::size_t size) {
  for (;;) {
    const ssize_t got = ::read(fd, buffer, size);
    const int err = errno;
    if (narrate::on())
      narrate::emit("read", fmt::format("{}, {}, {}", fd, narrate::pointer(buffer), size),
                    narrate::result(got, err));
    if (got >= 0) return static_cast<std::size_t>(got);
    if (err == EINTR) {
      signals::throw_if_interrupted();
      continue;
    }
    throw SysError("read", name, err);
  }
}

std::size_t pread(int fd, const std::string& name, void* buffer, std::size_t size, off_t offset) {
  for (;;) {
    const ssize_t got = ::pread(fd, buffer, size, offset);
    const int err = errno;
    if (narrate::on())
      narrate::emit("pread64", fmt::format("{}, {}, {}, {}", fd, narrate::pointer(buffer), size, offset),
                    narrate::result(got, err));
    if (got >= 0) return static_cast<std::size_t>(got);
    if (err == EINTR) {
      signals::throw_if_interrupted();
      continue;
    }
    throw SysError("pread", name, err);
  }
}

} // namespace ipcdemo::sys
