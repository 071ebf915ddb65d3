// lseek(2), narrated: the screenplay's other way to give a file its size is to
// seek past the end and write one byte there.
#pragma once

#include "sys/fd.hpp"

#include <sys/types.h>

namespace ipcdemo::sys {

// lseek(fd, offset, whence); returns the new offset; throws SysError naming the object.
off_t lseek(const Fd& fd, off_t offset, int whence);

} // namespace ipcdemo::sys
