#include "sem/named.hpp"

#include "base/error.hpp"
#include "ipc/access_hint.hpp"

#include <fcntl.h>

#include <fmt/format.h>

#include <cerrno>

namespace ipcdemo::sem {

Created create(const std::string& name, mode_t mode, unsigned value, bool exclusive) {
  for (;;) {
    try {
      return {sys::Semaphore::open(name, O_CREAT | O_EXCL, mode, value), true};
    } catch (const SysError& error) {
      if (error.err() != EEXIST) throw;
      if (exclusive)
        throw SysError(error.call(), name, EEXIST,
                       fmt::format("remove it first with: ipcdemo sem unlink {}", name));
    }
    // It exists: open it as it is. Should it vanish in between, try creating again.
    try {
      return {sys::Semaphore::open(name, 0), false};
    } catch (const SysError& error) {
      if (error.err() != ENOENT) throw;
    }
  }
}

sys::Semaphore open(const std::string& name) {
  try {
    return sys::Semaphore::open(name, 0);
  } catch (const SysError& error) {
    if (error.err() == ENOENT)
      throw SysError(error.call(), name, ENOENT,
                     fmt::format("create it first with: ipcdemo sem create {}", name));
    throw;
  }
}

void unlink(const std::string& name) {
  try {
    sys::Semaphore::unlink(name);
  } catch (const SysError& error) {
    if (error.err() == ENOENT)
      throw SysError(error.call(), name, ENOENT,
                     "there is no such semaphore (ls /dev/shm/sem.* shows those there are)");
    if (error.err() == EACCES || error.err() == EPERM)
      throw SysError(error.call(), name, error.err(), unlink_denied_hint(name, ObjectKind::sem));
    throw;
  }
}

} // namespace ipcdemo::sem
