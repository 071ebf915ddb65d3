// SPDX-License-Identifier: MIT
// POSIX shared memory: "nothing but mmap() with predefined filenames". shm_open
// opens /dev/shm/NAME (a tmpfs file) and returns an ordinary descriptor, which
// sys::Fd owns and sys::Mapping maps; these wrappers narrate the calls around it.
#pragma once

#include "sys/fd.hpp"

#include <sys/types.h>

#include <string>

namespace ipcdemo::sys {

// shm_open(3) of the canonical NAME ("/x"); throws SysError naming the object.
// `safety_flags` (O_NONBLOCK: a FIFO planted under the name must not block the
// open) are passed too, but -v narrates the call with `flags` alone, as the
// screenplay's program makes it; -vv says what was added.
Fd shm_open(const std::string& name, int flags, mode_t mode = 0, int safety_flags = 0);
// ftruncate(2): a new object has size 0 until it is given one.
void ftruncate(const Fd& fd, off_t length);
// shm_unlink(3): the name goes away; mappings that exist stay valid.
void shm_unlink(const std::string& name);

} // namespace ipcdemo::sys
