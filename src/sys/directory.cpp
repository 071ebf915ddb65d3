// SPDX-License-Identifier: MIT
#include "sys/directory.hpp"

#include "base/error.hpp"
#include "base/signals.hpp"
#include "sys/fd.hpp"
#include "sys/narrate.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

namespace ipcdemo::sys {

std::vector<DirEntry> list_directory(const std::string& path) {
  Fd fd = open(path, O_RDONLY | O_DIRECTORY);
  // fdopendir takes the descriptor over; closedir closes it.
  const int copy = ::fcntl(fd.get(), F_DUPFD_CLOEXEC, 0);
  if (copy < 0) throw SysError("fcntl(F_DUPFD_CLOEXEC)", path, errno);
  DIR* dir = ::fdopendir(copy);
  if (dir == nullptr) {
    const int err = errno;
    ::close(copy);
    throw SysError("fdopendir", path, err);
  }
  std::vector<DirEntry> entries;
  errno = 0;
  // A directory may hold a million names planted by a neighbour: a signal ends the walk.
  while (signals::pending() == 0) {
    const dirent* entry = ::readdir(dir);
    if (entry == nullptr) break;
    if (std::strcmp(entry->d_name, ".") != 0 && std::strcmp(entry->d_name, "..") != 0)
      entries.push_back({entry->d_name, entry->d_type});
    errno = 0;
  }
  const int err = errno;
  ::closedir(dir);
  if (narrate::on())
    narrate::emit("getdents64", fmt::format("{}, ...", fd.get()),
                  narrate::result(static_cast<long long>(entries.size()), err));
  signals::throw_if_interrupted();
  if (err != 0) throw SysError("readdir", path, err);
  return entries;
}

std::optional<std::string> read_link(const std::string& path) {
  char buffer[4096];
  const ssize_t got = ::readlink(path.c_str(), buffer, sizeof buffer);
  if (got < 0) return std::nullopt;
  return std::string(buffer, static_cast<std::size_t>(got));
}

std::optional<long> file_system_type(const std::string& path) {
  struct statfs info {};
  if (::statfs(path.c_str(), &info) != 0) return std::nullopt;
  return static_cast<long>(info.f_type);
}

std::optional<std::string> read_small_file(const std::string& path, int* err, std::size_t limit) {
  // O_NONBLOCK: a FIFO planted under /dev/shm must not hang a listing.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    if (err != nullptr) *err = errno;
    return std::nullopt;
  }
  // Read straight into the string: a 16 KiB buffer on the stack is more than a
  // small ulimit -s leaves (ls crashed under ulimit -s 16).
  std::string text;
  while (text.size() < limit) {
    const std::size_t old = text.size();
    const std::size_t want = std::min<std::size_t>(16384, limit - old);
    text.resize(old + want);
    const ssize_t got = ::read(fd, text.data() + old, want);
    const int read_err = errno; // before resize, which may allocate
    text.resize(old + static_cast<std::size_t>(std::max<ssize_t>(got, 0)));
    if (got < 0 && read_err == EINTR) continue;
    if (got < 0) {
      if (err != nullptr) *err = read_err;
      ::close(fd);
      return std::nullopt;
    }
    if (got == 0) break;
  }
  ::close(fd);
  return text;
}

std::optional<struct stat> stat_if_there(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return std::nullopt;
  return info;
}

std::optional<struct stat> lstat_if_there(const std::string& path) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) return std::nullopt;
  return info;
}

bool executable(const std::string& path) { return ::access(path.c_str(), X_OK) == 0; }

std::optional<std::size_t> count_open_descriptors() {
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) return std::nullopt;
  std::size_t count = 0;
  while (const dirent* entry = ::readdir(dir))
    if (entry->d_name[0] != '.') ++count;
  ::closedir(dir);
  return count > 0 ? count - 1 : 0; // the directory's own descriptor
}

std::optional<long> read_number(const std::string& path) {
  const auto text = read_small_file(path, nullptr, 64);
  if (!text) return std::nullopt;
  long value = 0;
  const char* const end = text->data() + text->size();
  const auto [stop, error] = std::from_chars(text->data(), end, value);
  if (error != std::errc{} || stop == text->data()) return std::nullopt;
  return value;
}

} // namespace ipcdemo::sys
