// SPDX-License-Identifier: MIT
#include "sys/shm.hpp"

#include "base/error.hpp"
#include "sys/narrate.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>

namespace ipcdemo::sys {

Fd shm_open(const std::string& name, int flags, mode_t mode, int safety_flags) {
  const int fd = ::shm_open(name.c_str(), flags | safety_flags, mode);
  const int err = errno;
  if (narrate::on()) {
    std::string args = narrate::quoted(name) + ", " + narrate::open_flags(flags);
    if ((flags & O_CREAT) != 0) args += ", " + narrate::octal(mode);
    narrate::emit("shm_open", args, narrate::result(fd, err));
    if ((safety_flags & O_NONBLOCK) != 0)
      narrate::check_note(fmt::format("shm_open had {}: a planted FIFO fails, never blocks",
                                      narrate::open_flags(flags | safety_flags)));
  }
  if (fd < 0) throw SysError("shm_open", name, err);
  return Fd(fd, name);
}

void ftruncate(const Fd& fd, off_t length) {
  const int rc = ::ftruncate(fd.get(), length);
  const int err = errno;
  if (narrate::on())
    narrate::emit("ftruncate", fmt::format("{}, {}", fd.get(), length), narrate::result(rc, err));
  if (rc != 0) throw SysError("ftruncate", fd.name(), err);
}

void shm_unlink(const std::string& name) {
  const int rc = ::shm_unlink(name.c_str());
  const int err = errno;
  if (narrate::on()) narrate::emit("shm_unlink", narrate::quoted(name), narrate::result(rc, err));
  if (rc != 0) throw SysError("shm_unlink", name, err);
}

} // namespace ipcdemo::sys
