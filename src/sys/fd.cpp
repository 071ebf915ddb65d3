// SPDX-License-Identifier: MIT
#include "sys/fd.hpp"

#include "base/error.hpp"
#include "base/signals.hpp"
#include "sys/narrate.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
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

void CloseBatch::add(int fd) {
  if (fds_.size() >= capacity_) close_all();
  fds_.push_back(fd);
}

void CloseBatch::close_all() noexcept {
  std::sort(fds_.begin(), fds_.end());
  for (std::size_t first = 0; first < fds_.size();) {
    std::size_t last = first;
    while (last + 1 < fds_.size() && fds_[last + 1] == fds_[last] + 1) ++last;
    const auto low = static_cast<unsigned>(fds_[first]);
    const auto high = static_cast<unsigned>(fds_[last]);
    const int rc = ::close_range(low, high, 0);
    const int err = errno;
    if (narrate::on())
      narrate::emit("close_range", fmt::format("{}, {}, 0", low, high), narrate::result(rc, err));
    if (rc != 0)
      for (std::size_t i = first; i <= last; ++i) ::close(fds_[i]); // a kernel before 5.9
    first = last + 1;
  }
  fds_.clear();
}

Fd open(const std::string& path, int flags, mode_t mode) {
  for (;;) {
    // Opening a FIFO blocks until the other end is opened too.
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC, mode);
    const int err = errno;
    if (narrate::on()) {
      std::string args = narrate::quoted(path) + ", " + narrate::open_flags(flags);
      if ((flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE) args += ", " + narrate::octal(mode);
      narrate::emit("open", args, narrate::result(fd, err));
    }
    if (fd >= 0) return Fd(fd, path);
    if (err != EINTR) throw SysError("open", path, err);
    signals::throw_if_interrupted();
  }
}

struct stat fstat(const Fd& fd) {
  return fstat(fd.get(), fd.name());
}

struct stat fstat(int fd, const std::string& name) {
  struct stat info {};
  const int rc = ::fstat(fd, &info);
  const int err = errno;
  if (narrate::on())
    narrate::emit("fstat",
                  fmt::format("{}, {{st_mode={}, st_size={}, ...}}", fd, narrate::file_mode(info.st_mode),
                              info.st_size),
                  narrate::result(rc, err));
  if (rc != 0) throw SysError("fstat", name, err);
  return info;
}

namespace {
struct stat stat_with(int (*call)(const char*, struct stat*), const char* call_name,
                      const std::string& path) {
  struct stat info {};
  const int rc = call(path.c_str(), &info);
  const int err = errno;
  if (narrate::on())
    narrate::emit(call_name,
                  rc == 0 ? fmt::format("{}, {{st_mode={}, st_size={}, ...}}", narrate::quoted(path),
                                        narrate::file_mode(info.st_mode), info.st_size)
                          : fmt::format("{}, {}", narrate::quoted(path), narrate::pointer(&info)),
                  narrate::result(rc, err));
  if (rc != 0) throw SysError(call_name, path, err);
  return info;
}
} // namespace

struct stat stat(const std::string& path) {
  return stat_with(::stat, "stat", path);
}

struct stat lstat(const std::string& path) {
  return stat_with(::lstat, "lstat", path);
}

struct stat lstat_at(const Fd& directory, const std::string& name, const std::string& path) {
  struct stat info {};
  const int rc = ::fstatat(directory.get(), name.c_str(), &info, AT_SYMLINK_NOFOLLOW);
  const int err = errno;
  if (narrate::on())
    narrate::emit(
        "fstatat",
        rc == 0 ? fmt::format("{}, {}, {{st_mode={}, st_size={}, ...}}, AT_SYMLINK_NOFOLLOW", directory.get(),
                              narrate::quoted(name), narrate::file_mode(info.st_mode), info.st_size)
                : fmt::format("{}, {}, {}, AT_SYMLINK_NOFOLLOW", directory.get(), narrate::quoted(name),
                              narrate::pointer(&info)),
        narrate::result(rc, err));
  if (rc != 0) throw SysError("lstat", path, err);
  return info;
}

bool link_unnamed(const Fd& fd, const std::string& path) {
  const std::string proc_path = fmt::format("/proc/self/fd/{}", fd.get());
  int rc = ::linkat(AT_FDCWD, proc_path.c_str(), AT_FDCWD, path.c_str(), AT_SYMLINK_FOLLOW);
  int err = errno;
  if (narrate::on())
    narrate::emit("linkat",
                  fmt::format("AT_FDCWD, {}, AT_FDCWD, {}, AT_SYMLINK_FOLLOW", narrate::quoted(proc_path),
                              narrate::quoted(path)),
                  narrate::result(rc, err));
  if (rc != 0 && err == ENOENT && ::access("/proc/self/fd", F_OK) != 0) {
    // No /proc: linking the descriptor itself needs CAP_DAC_READ_SEARCH.
    rc = ::linkat(fd.get(), "", AT_FDCWD, path.c_str(), AT_EMPTY_PATH);
    err = errno;
    if (narrate::on())
      narrate::emit("linkat",
                    fmt::format("{}, \"\", AT_FDCWD, {}, AT_EMPTY_PATH", fd.get(), narrate::quoted(path)),
                    narrate::result(rc, err));
  }
  if (rc == 0) return true;
  if (err == EEXIST) return false;
  throw SysError("linkat", path, err);
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

std::string read_to_end(int fd, const std::string& name) {
  constexpr std::size_t chunk = 16384;
  std::string text;
  for (;;) {
    const std::size_t old = text.size();
    text.resize(old + chunk);
    const std::size_t got = read(fd, name, text.data() + old, chunk);
    text.resize(old + got);
    if (got == 0) return text;
  }
}

Pipe pipe(const std::string& name) {
  int fds[2] = {-1, -1};
  const int rc = ::pipe2(fds, O_CLOEXEC);
  const int err = errno;
  if (narrate::on())
    narrate::emit("pipe2", rc == 0 ? fmt::format("[{}, {}], O_CLOEXEC", fds[0], fds[1]) : "[...], O_CLOEXEC",
                  narrate::result(rc, err));
  if (rc != 0) throw SysError("pipe2", name, err);
  return Pipe{Fd(fds[0], name), Fd(fds[1], name)};
}

int poll(std::span<pollfd> fds, int timeout_ms) {
  const int rc = ::poll(fds.data(), fds.size(), timeout_ms);
  const int err = errno;
  if (narrate::on()) {
    std::string asked;
    std::string ready;
    for (const auto& entry : fds) {
      asked += fmt::format("{}{{fd={}, events={}}}", asked.empty() ? "" : ", ", entry.fd,
                           narrate::poll_events(entry.events));
      if (rc > 0 && entry.revents != 0)
        ready += fmt::format("{}{{fd={}, revents={}}}", ready.empty() ? "" : ", ", entry.fd,
                             narrate::poll_events(entry.revents));
    }
    std::string result = narrate::result(rc, err);
    if (rc > 0) result += " ([" + ready + "])";
    narrate::emit("poll", fmt::format("[{}], {}, {}", asked, fds.size(), timeout_ms), result);
  }
  if (rc >= 0) return rc;
  if (err != EINTR) throw SysError("poll", fds.empty() ? "" : std::to_string(fds[0].fd), err);
  signals::throw_if_interrupted();
  return 0;
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
