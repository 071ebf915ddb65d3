// SPDX-License-Identifier: MIT
#include "sys/eventfd.hpp"

#include "base/error.hpp"
#include "sys/narrate.hpp"

#include <sys/eventfd.h>

#include <cerrno>

namespace ipcdemo::sys {

Fd eventfd(const std::string& name) {
  const int fd = ::eventfd(0, EFD_CLOEXEC);
  const int err = errno;
  if (narrate::on()) narrate::emit("eventfd2", "0, EFD_CLOEXEC", narrate::result(fd, err));
  if (fd < 0) throw SysError("eventfd2", name, err);
  return Fd(fd, name);
}

} // namespace ipcdemo::sys
