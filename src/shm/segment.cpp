// SPDX-License-Identifier: MIT
#include "shm/segment.hpp"

#include "shm/sizing.hpp"

#include "base/error.hpp"
#include "base/escape.hpp"
#include "base/log.hpp"
#include "base/made.hpp"
#include "ipc/access_hint.hpp"
#include "ipc/hints.hpp"
#include "ipc/name.hpp"
#include "ipc/open_or_create.hpp"
#include "ipc/planted.hpp"
#include "sys/narrate.hpp"
#include "sys/process.hpp"
#include "sys/shm.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include <fmt/format.h>

#include <limits>
#include <optional>

namespace ipcdemo::shm {

namespace {

std::string file_size_limit() {
  const auto limit = sys::resource_limit(RLIMIT_FSIZE);
  if (!limit || limit->rlim_cur == RLIM_INFINITY) return "the file-size limit";
  return fmt::format("the file-size limit RLIMIT_FSIZE (ulimit -f) of {} bytes", limit->rlim_cur);
}

void size_it(const sys::Fd& fd, const std::string& name, std::uint64_t size, SizeBy how) {
  if (size == 0) return; // the state shm_open leaves a new segment in
  try {
    give_size(fd, size, how);
  } catch (const SysError& error) {
    // SIGXFSZ is ignored (signals::install), so the limit shows as EFBIG.
    if (error.err() == EFBIG)
      throw SysError(error.call(), name, EFBIG,
                     fmt::format("--size {} is above {}; nothing was created", size, file_size_limit()));
    throw;
  }
}

// The screenplay's way: shm_open(O_CREAT|O_EXCL|O_RDWR), then ftruncate,
// removing the name again if the size is refused. Nothing when the name is taken.
std::optional<Opened> create_named(const std::string& name, std::uint64_t size, mode_t mode, SizeBy how) {
  Opened opened;
  try {
    // O_CREAT|O_EXCL never follows a link nor opens what is there: no safety flags needed.
    opened.fd = sys::shm_open(name, O_CREAT | O_EXCL | O_RDWR, mode);
  } catch (const SysError& error) {
    if (error.err() == EEXIST) return std::nullopt;
    throw;
  }
  if (size == 0) {
    narrate::note("--size 0: it stays at size 0, as shm_open leaves a new segment");
  } else {
    narrate::note(how == SizeBy::hole ? "the segment exists now, with size 0 until the write sizes it;"
                                      : "the segment exists now, with size 0 until ftruncate sizes it;");
    narrate::note("a consumer that opens it now is told it is too short for the counter");
  }
  try {
    size_it(opened.fd, name, size, how);
  } catch (const SysError&) {
    try {
      sys::shm_unlink(name);
    } catch (const SysError&) {
      // Already gone: nothing left behind either way.
    }
    throw;
  }
  made::record(fmt::format("shared memory segment {} was created", escape::visible(name)));
  const narrate::Check check;
  opened.status = sys::fstat(opened.fd);
  return opened;
}

// --tmpfile: the same segment, never seen unsized. shm_open is only open() of
// /dev/shm/NAME and cannot make a file without a name, so by hand: open
// O_TMPFILE in /dev/shm, size it, then link it under its name (EEXIST if taken).
// The umask applies as it would to shm_open. Where /dev/shm cannot make unnamed
// files, the screenplay's way.
std::optional<Opened> create_unnamed_first(const std::string& name, std::uint64_t size, mode_t mode,
                                           SizeBy how) {
  sys::Fd fd;
  try {
    fd = sys::open("/dev/shm", O_TMPFILE | O_RDWR, mode);
  } catch (const SysError& error) {
    if (error.err() != EOPNOTSUPP && error.err() != EISDIR && error.err() != EINVAL) throw;
    log::warn("--tmpfile: /dev/shm cannot make unnamed files; creating {} with shm_open and ftruncate", name);
    return create_named(name, size, mode, how);
  }
  narrate::note("--tmpfile: a file without a name, sized, then linked as the segment:");
  narrate::note("shm_open(O_CREAT) + ftruncate, but no process ever sees it at size 0");
  fd.rename(name);
  // The unnamed file vanishes with its descriptor should this fail: nothing half-made is left.
  size_it(fd, name, size, how);
  if (!sys::link_unnamed(fd, ipc_object_path(name, ObjectKind::shm))) return std::nullopt;
  made::record(fmt::format("shared memory segment {} was created", escape::visible(name)));
  Opened opened{std::move(fd), {}};
  const narrate::Check check;
  opened.status = sys::fstat(opened.fd);
  return opened;
}

} // namespace

Created create(const std::string& name, std::uint64_t size, mode_t mode, bool exclusive, SizeBy how,
               CreateWay way) {
  if (size > static_cast<std::uint64_t>(std::numeric_limits<off_t>::max()))
    throw UsageError(fmt::format("--size {} is larger than a file can be", size));
  const std::string path = ipc_object_path(name, ObjectKind::shm);
  // Made new, or opened as it is: ipc/open_or_create bounds the retries when a
  // neighbour creates and unlinks the name in a loop, and adds the table's hints.
  auto result = open_or_create(
      ObjectKind::shm, name, exclusive,
      [&] {
        auto made = way == CreateWay::unnamed_first ? create_unnamed_first(name, size, mode, how)
                                                    : create_named(name, size, mode, how);
        if (made) return std::move(*made);
        if (exclusive)
          if (const auto status = lstat_if_exists(path); status && !S_ISREG(status->st_mode))
            throw not_an_object(path, *status, ObjectKind::shm);
        throw SysError(way == CreateWay::unnamed_first ? "linkat" : "shm_open", name, EEXIST);
      },
      [&] {
        try {
          return open(name, O_RDWR);
        } catch (const SysError& error) {
          if (error.err() != EACCES) throw;
          throw SysError(error.call(), name, EACCES,
                         open_denied_hint(name, ObjectKind::shm, "read and write") +
                             "; shm create opens an existing segment instead of making a new one");
        }
      });
  return {std::move(result.handle.fd), result.created, result.handle.status};
}

Opened open(const std::string& name, int flags) {
  const std::string path = ipc_object_path(name, ObjectKind::shm);
  Opened opened;
  try {
    // glibc adds O_NOFOLLOW: a symbolic link fails with ELOOP instead of being followed.
    opened.fd = sys::shm_open(name, flags, 0, O_NONBLOCK);
  } catch (const SysError& error) {
    throw_if_planted(path, error.err(), ObjectKind::shm);
    const auto operation = flags == O_RDONLY ? Operation::open_read : Operation::open_write;
    if (error.err() == ENOENT || error.err() == EACCES)
      throw SysError(error.call(), name, error.err(),
                     ipc_hint(ObjectKind::shm, operation, error.err(), name));
    throw;
  }
  {
    const narrate::Check check; // ours, not the screenplay's: is it a segment, and how long?
    opened.status = sys::fstat(opened.fd);
  }
  if (!S_ISREG(opened.status.st_mode)) throw not_an_object(path, opened.status, ObjectKind::shm);
  return opened;
}

void unlink(const std::string& name) {
  remove_name(ObjectKind::shm, name, [&] { sys::shm_unlink(name); });
  log::info("removed {} (processes that have it mapped keep their mapping)",
            ipc_object_path(name, ObjectKind::shm));
}

} // namespace ipcdemo::shm
