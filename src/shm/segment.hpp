// Creating, opening and removing a shared memory segment by NAME, with the
// messages a student needs when something is off (unknown name, name taken).
#pragma once

#include "shm/sizing.hpp"
#include "sys/fd.hpp"

#include <sys/stat.h>
#include <sys/types.h>

#include <cstdint>
#include <string>

namespace ipcdemo::shm {

struct Created {
  sys::Fd fd;
  bool created = false; // false: an existing segment was opened
  struct stat status {};
};

// shm_open(O_CREAT|O_EXCL|O_RDWR) then ftruncate(size) (or, SizeBy::hole, lseek
// and a one-byte write; size 0 leaves it as shm_open made it). When NAME exists and
// `exclusive` is false, the existing segment is opened instead and left as it is
// (resizing it could cut the ground from under a running consumer).
Created create(const std::string& name, std::uint64_t size, mode_t mode, bool exclusive,
               SizeBy how = SizeBy::ftruncate);

// shm_open of an existing segment; `flags` is O_RDONLY or O_RDWR.
sys::Fd open(const std::string& name, int flags);

// shm_unlink, with the same hint for an unknown name.
void unlink(const std::string& name);

} // namespace ipcdemo::shm
