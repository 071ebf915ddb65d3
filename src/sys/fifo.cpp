// SPDX-License-Identifier: MIT
#include "sys/fifo.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "sys/narrate.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace ipcdemo::sys {

namespace {

void checked(int rc, const char* call, const std::string& args, const std::string& object) {
  const int err = errno;
  if (narrate::on()) narrate::emit(call, args, narrate::result(rc, err));
  if (rc != 0) throw SysError(call, object, err);
}

} // namespace

PrivateDirectory::PrivateDirectory(const std::string& prefix) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = fmt::format("{}/{}XXXXXX", tmp != nullptr && *tmp == '/' ? tmp : "/tmp", prefix);
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  const char* made = ::mkdtemp(buffer.data());
  const int err = errno;
  if (narrate::on())
    narrate::emit("mkdtemp", narrate::quoted(pattern),
                  made != nullptr ? narrate::quoted(made) : narrate::result(-1, err));
  if (made == nullptr) throw SysError("mkdtemp", pattern, err, "set TMPDIR to a writable directory");
  path_ = made;
}

PrivateDirectory::~PrivateDirectory() {
  const int rc = ::rmdir(path_.c_str());
  const int err = errno;
  if (narrate::on()) narrate::emit("rmdir", narrate::quoted(path_), narrate::result(rc, err));
  if (rc != 0) log::warn("rmdir {}: {}: remove it by hand", path_, std::strerror(err));
}

FifoEnds fifo(const PrivateDirectory& directory, const std::string& leaf) {
  const std::string path = directory.path() + "/" + leaf;
  checked(::mkfifo(path.c_str(), 0600), "mkfifo", fmt::format("{}, 0600", narrate::quoted(path)), path);
  FifoEnds ends;
  try {
    ends.read = sys::open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
    ends.write = sys::open(path, O_WRONLY | O_NOFOLLOW);
  } catch (...) {
    ::unlink(path.c_str());
    throw;
  }
  checked(::unlink(path.c_str()), "unlink", narrate::quoted(path), path);
  const int flags = ::fcntl(ends.read.get(), F_GETFL);
  checked(::fcntl(ends.read.get(), F_SETFL, flags & ~O_NONBLOCK), "fcntl",
          fmt::format("{}, F_SETFL, {}", ends.read.get(), narrate::open_flags(flags & ~O_NONBLOCK)), path);
  return ends;
}

} // namespace ipcdemo::sys
