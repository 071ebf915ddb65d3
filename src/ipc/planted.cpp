// SPDX-License-Identifier: MIT
#include "ipc/planted.hpp"
#include "sys/narrate.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "ipc/hints.hpp"
#include "ipc/name.hpp"
#include "ipc/owner.hpp"
#include "sys/fd.hpp"

#include <fmt/format.h>

#include <cerrno>

namespace ipcdemo {

std::string_view file_type_name(mode_t mode) {
  switch (mode & S_IFMT) {
    case S_IFREG: return "a regular file";
    case S_IFDIR: return "a directory";
    case S_IFIFO: return "a FIFO";
    case S_IFSOCK: return "a socket";
    case S_IFLNK: return "a symbolic link";
    case S_IFCHR: return "a character device";
    case S_IFBLK: return "a block device";
    default: return "a file of unknown type";
  }
}

std::string_view object_noun(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::shm: return "a shared memory segment";
    case ObjectKind::sem: return "a semaphore";
    case ObjectKind::mq: return "a message queue";
    case ObjectKind::none: break;
  }
  return "an IPC object";
}

Error not_an_object(const std::string& path, const struct stat& status, ObjectKind kind) {
  return Error(exit_code::failure,
               fmt::format("{} is {}, not {}", path, file_type_name(status.st_mode), object_noun(kind)),
               fmt::format("ipcdemo leaves it alone: use another name, or have its owner ({}) remove it",
                           user_name(status.st_uid)));
}

std::optional<struct stat> lstat_if_exists(const std::string& path) {
  try {
    return sys::lstat(path);
  } catch (const SysError& error) {
    if (error.err() == ENOENT) return std::nullopt;
    throw;
  }
}

void throw_if_planted(const std::string& path, int err, ObjectKind kind) {
  // ELOOP (a link under O_NOFOLLOW), ENXIO (a socket), EISDIR (a directory), but
  // also EACCES (a neighbour's FIFO of mode 0600): whatever failed, say what it is.
  if (err == ENOENT) return;
  std::optional<struct stat> status;
  try {
    status = lstat_if_exists(path);
  } catch (const SysError&) {
    return; // the open's own error says more
  }
  if (status && !S_ISREG(status->st_mode)) throw not_an_object(path, *status, kind);
}

void remove_name(ObjectKind kind, const std::string& name, const std::function<void()>& remove) {
  const std::string path = ipc_object_path(name, kind);
  const auto status = [&] {
    const narrate::Check check; // ours: what is there, to say so if it is no object
    return lstat_if_exists(path);
  }();
  try {
    remove();
  } catch (const SysError& error) {
    if (error.err() == ENOENT || error.err() == EACCES || error.err() == EPERM)
      throw SysError(error.call(), name, error.err(), ipc_hint(kind, Operation::unlink, error.err(), name));
    if (status && !S_ISREG(status->st_mode)) throw not_an_object(path, *status, kind);
    throw;
  }
  if (status && !S_ISREG(status->st_mode))
    log::warn("{} was {}, not {}: removed its name all the same (nothing was opened or followed)", path,
              file_type_name(status->st_mode), object_noun(kind));
}

} // namespace ipcdemo
