#include "shm/segment.hpp"

#include "base/error.hpp"
#include "ipc/access_hint.hpp"
#include "sys/shm.hpp"

#include <fcntl.h>

#include <fmt/format.h>

#include <cerrno>
#include <limits>

namespace ipcdemo::shm {

namespace {
std::string create_hint(const std::string& name) {
  return fmt::format("create it first with: ipcdemo shm create {}", name);
}
} // namespace

Created create(const std::string& name, std::uint64_t size, mode_t mode, bool exclusive) {
  if (size > static_cast<std::uint64_t>(std::numeric_limits<off_t>::max()))
    throw UsageError(fmt::format("--size {} is larger than a file can be", size));
  for (;;) {
    try {
      Created result{sys::shm_open(name, O_CREAT | O_EXCL | O_RDWR, mode), true, {}};
      sys::ftruncate(result.fd, static_cast<off_t>(size));
      result.status = sys::fstat(result.fd);
      return result;
    } catch (const SysError& error) {
      if (error.call() == "shm_open" && error.err() != EEXIST)
        throw_if_planted(name, ObjectKind::shm, error.call(), error.err());
      if (error.call() != "shm_open" || error.err() != EEXIST) throw;
      if (exclusive)
        throw SysError(error.call(), name, EEXIST,
                       fmt::format("remove it first with: ipcdemo shm unlink {}", name));
    }
    // It exists: open it as it is. Should it vanish in between, try creating again.
    try {
      Created result{sys::shm_open(name, O_RDWR), false, {}};
      result.status = sys::fstat(result.fd);
      return result;
    } catch (const SysError& error) {
      throw_if_planted(name, ObjectKind::shm, error.call(), error.err());
      if (error.err() == EACCES)
        throw SysError(error.call(), name, EACCES,
                       open_denied_hint(name, ObjectKind::shm, "read and write") +
                           "; shm create opens an existing segment instead of making a new one");
      if (error.err() != ENOENT) throw;
    }
  }
}

sys::Fd open(const std::string& name, int flags) {
  try {
    return sys::shm_open(name, flags);
  } catch (const SysError& error) {
    if (error.err() == ENOENT) throw SysError(error.call(), name, ENOENT, create_hint(name));
    throw_if_planted(name, ObjectKind::shm, error.call(), error.err());
    if (error.err() == EACCES)
      throw SysError(error.call(), name, EACCES,
                     fmt::format("{} needs {} permission for you (see: ls -l /dev/shm{})",
                                 flags == O_RDONLY ? "reading" : "writing the counter",
                                 flags == O_RDONLY ? "read" : "read and write", name));
    throw;
  }
}

void unlink(const std::string& name) {
  try {
    sys::shm_unlink(name);
  } catch (const SysError& error) {
    if (error.err() == ENOENT)
      throw SysError(error.call(), name, ENOENT,
                     "there is no such segment (ls /dev/shm shows those there are)");
    if (error.err() == EACCES || error.err() == EPERM)
      throw SysError(error.call(), name, error.err(), unlink_denied_hint(name, ObjectKind::shm));
    throw_if_planted(name, ObjectKind::shm, error.call(), error.err());
    throw;
  }
}

} // namespace ipcdemo::shm
