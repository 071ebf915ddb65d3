// SPDX-License-Identifier: MIT
#include "sys/seek.hpp"

#include "base/error.hpp"
#include "sys/narrate.hpp"

#include <unistd.h>

#include <cerrno>

namespace ipcdemo::sys {

namespace {
const char* whence_name(int whence) {
  switch (whence) {
    case SEEK_SET: return "SEEK_SET";
    case SEEK_CUR: return "SEEK_CUR";
    case SEEK_END: return "SEEK_END";
    case SEEK_DATA: return "SEEK_DATA";
    case SEEK_HOLE: return "SEEK_HOLE";
    default: return "?";
  }
}

// lseek, narrated; the errno is left to the caller.
off_t narrated_lseek(const Fd& fd, off_t offset, int whence, int& err) {
  const off_t at = ::lseek(fd.get(), offset, whence);
  err = errno;
  if (narrate::on())
    narrate::emit("lseek", fmt::format("{}, {}, {}", fd.get(), offset, whence_name(whence)),
                  narrate::result(at, err));
  return at;
}
} // namespace

off_t lseek(const Fd& fd, off_t offset, int whence) {
  int err = 0;
  const off_t at = narrated_lseek(fd, offset, whence, err);
  if (at < 0) throw SysError("lseek", fd.name(), err);
  return at;
}

namespace {
// SEEK_DATA or SEEK_HOLE; ENXIO (nothing of the kind at or after `from`) is no error.
std::optional<off_t> seek_to(const Fd& fd, off_t from, int whence) {
  int err = 0;
  const off_t at = narrated_lseek(fd, from, whence, err);
  if (at >= 0) return at;
  if (err == ENXIO) return std::nullopt;
  throw SysError("lseek", fd.name(), err);
}
} // namespace

std::optional<off_t> seek_data(const Fd& fd, off_t from) { return seek_to(fd, from, SEEK_DATA); }

std::optional<off_t> seek_hole(const Fd& fd, off_t from) { return seek_to(fd, from, SEEK_HOLE); }

} // namespace ipcdemo::sys
