// SPDX-License-Identifier: MIT
// Whatever sits under /dev/shm is input from any local user: a FIFO, directory,
// socket or symbolic link planted where a segment or a semaphore's file should be
// is refused with what it is, never followed, opened for writing or read as data.
#pragma once

#include "ipc/kind.hpp"

#include <sys/stat.h>
#include <sys/types.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace ipcdemo {

class Error;

// "a FIFO", "a directory", "a socket", "a symbolic link", ... for st_mode.
std::string_view file_type_name(mode_t mode);

// What a file of this kind should be: "a shared memory segment", "a semaphore",
// "a message queue".
std::string_view object_noun(ObjectKind kind);

// The error for PATH found to be `status`, where an object of `kind` should be:
// "/dev/shm/x is a FIFO, not a shared memory segment", exit 1, naming the owner.
Error not_an_object(const std::string& path, const struct stat& status, ObjectKind kind);

// lstat(2) of PATH (narrated); nothing when it does not exist. Never follows a link.
std::optional<struct stat> lstat_if_exists(const std::string& path);

// After an open of PATH failed with `err`: when PATH is not a regular file (ELOOP:
// a symbolic link under O_NOFOLLOW, ENXIO: a socket, EISDIR: a directory, EACCES:
// anything we may not open), throws the error naming it; returns when PATH is a
// regular file or absent.
void throw_if_planted(const std::string& path, int err, ObjectKind kind);

// Removes NAME (a segment or a semaphore) with `remove` (shm_unlink, sem_unlink),
// which never opens or follows its file: a FIFO, socket or symbolic link planted
// under the name goes too, and a warning says what it was; a directory, which
// unlink cannot remove, is refused as planted. A failure gets the hint table's
// hint for unlink (ipc/hints.cpp): ENOENT's, or the sticky directory's for
// EACCES and EPERM.
void remove_name(ObjectKind kind, const std::string& name, const std::function<void()>& remove);

} // namespace ipcdemo
