// SPDX-License-Identifier: MIT
// Creating, opening and removing a shared memory segment by NAME, with the
// messages a student needs when something is off (unknown name, name taken, a
// planted FIFO, directory, socket or symbolic link where the segment should be).
#pragma once

#include "shm/sizing.hpp"
#include "sys/fd.hpp"

#include <sys/stat.h>
#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace ipcdemo::shm {

// An open segment and what fstat said of it.
struct Opened {
  sys::Fd fd;
  struct stat status {};
};

struct Created {
  sys::Fd fd;
  bool created = false; // false: an existing segment was opened
  struct stat status {};
};

// How a new segment is made. shm_open: the screenplay's shm_open(O_CREAT|O_EXCL|
// O_RDWR) then ftruncate; between the two it has size 0 (the lesson), and a
// consumer opening it then is told it is too short for the counter.
// unnamed_first (--tmpfile): open O_TMPFILE in /dev/shm, size it, link it under
// its name: the same segment, never seen unsized.
enum class CreateWay { shm_open, unnamed_first };

// Creates NAME with SIZE bytes, sized with ftruncate or, with SizeBy::hole, lseek
// and a one-byte write (size 0 leaves it as shm_open does). The name taken is
// EEXIST. When NAME exists and `exclusive` is false, the existing segment is
// opened instead and left as it is (resizing it could cut the ground from under a
// running consumer). A size above the file-size limit (ulimit -f) is an error
// naming the limit; nothing is left behind.
Created create(const std::string& name, std::uint64_t size, mode_t mode, bool exclusive,
               SizeBy how = SizeBy::ftruncate, CreateWay way = CreateWay::shm_open);

// shm_open of an existing segment; `flags` is O_RDONLY or O_RDWR. O_NONBLOCK is
// added (a planted FIFO must not block the open) and fstat checks that it is a
// regular file: anything else is refused, saying what it is.
Opened open(const std::string& name, int flags);

// shm_unlink, with the same hint for an unknown name. Removing never follows or
// opens what it removes: a planted FIFO, socket or symbolic link under NAME is
// removed too (if we may), and the log says what it was; a directory is refused.
// Says at info level what it removed.
void unlink(const std::string& name);

} // namespace ipcdemo::shm
