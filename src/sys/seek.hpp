// SPDX-License-Identifier: MIT
// lseek(2), narrated: the screenplay's other way to give a file its size is to
// seek past the end and write one byte there.
#pragma once

#include "sys/fd.hpp"

#include <sys/types.h>

#include <optional>

namespace ipcdemo::sys {

// lseek(fd, offset, whence); returns the new offset; throws SysError naming the object.
off_t lseek(const Fd& fd, off_t offset, int whence);

// Where a file's holes are, so that a reader can skip them instead of reading
// zeros: a sparse file in /dev/shm may claim a terabyte and hold one page.
// The first byte of data at or after `from` (SEEK_DATA), or nothing when only a
// hole follows to the end of the file (ENXIO).
std::optional<off_t> seek_data(const Fd& fd, off_t from);
// The first byte of a hole at or after `from` (SEEK_HOLE): the end of the file
// when no hole comes before it; nothing when `from` is at or past the end.
std::optional<off_t> seek_hole(const Fd& fd, off_t from);

} // namespace ipcdemo::sys
