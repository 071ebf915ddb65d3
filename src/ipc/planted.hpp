// Whatever sits under /dev/shm is input from any local user: a FIFO, directory,
// socket or symbolic link planted where a segment or a semaphore's file should be
// is refused with what it is, never followed, opened for writing or read as data.
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>

namespace ipcdemo {

class Error;

// "a FIFO", "a directory", "a socket", "a symbolic link", ... for st_mode.
std::string_view file_type_name(mode_t mode);

// The error for PATH found to be `status`, where `wanted` ("a shared memory
// segment", "a semaphore") should be: exit 1, naming the type and the owner.
Error not_an_object(const std::string& path, const struct stat& status, std::string_view wanted);

// lstat(2) of PATH (narrated); nothing when it does not exist. Never follows a link.
std::optional<struct stat> lstat_if_exists(const std::string& path);

// After an open of PATH failed with `err`: when PATH is not a regular file (ELOOP:
// a symbolic link under O_NOFOLLOW, ENXIO: a socket, EISDIR: a directory, EACCES:
// anything we may not open), throws the error naming it; returns when PATH is a
// regular file or absent.
void throw_if_planted(const std::string& path, int err, std::string_view wanted);

} // namespace ipcdemo
