#include "sem/named.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "ipc/access_hint.hpp"
#include "ipc/hints.hpp"
#include "ipc/name.hpp"
#include "ipc/open_or_create.hpp"
#include "ipc/planted.hpp"

#include <fcntl.h>

namespace ipcdemo::sem {

Created create(const std::string& name, mode_t mode, unsigned value, bool exclusive) {
  auto opened = open_or_create(
      ObjectKind::sem, name, exclusive,
      [&] { return sys::Semaphore::open(name, O_CREAT | O_EXCL, mode, value); },
      [&] { return sys::Semaphore::open(name, 0); });
  return {std::move(opened.handle), opened.created};
}

sys::Semaphore open(const std::string& name) {
  return with_ipc_hint(ObjectKind::sem, Operation::open_write, name,
                       [&] { return sys::Semaphore::open(name, 0); });
}

void unlink(const std::string& name) {
  const std::string path = ipc_object_path(name, ObjectKind::sem);
  const auto status = lstat_if_exists(path);
  try {
    sys::Semaphore::unlink(name);
  } catch (const SysError& error) {
    if (error.err() == ENOENT)
      throw SysError(error.call(), name, ENOENT,
                     "there is no such semaphore (ls /dev/shm/sem.* shows those there are)");
    if (error.err() == EACCES || error.err() == EPERM)
      throw SysError(error.call(), name, error.err(), unlink_denied_hint(name, ObjectKind::sem));
    if (status && !S_ISREG(status->st_mode)) throw not_an_object(path, *status, "a semaphore");
    throw;
  }
  // Removing never opens or follows what it removes: a planted FIFO, socket or link goes too.
  if (status && !S_ISREG(status->st_mode))
    log::warn("{} was {}, not a semaphore: removed its name all the same (nothing was opened or followed)",
              path, file_type_name(status->st_mode));
}

} // namespace ipcdemo::sem
