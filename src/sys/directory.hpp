// SPDX-License-Identifier: MIT
// Reading directories and links without changing anything: the listings of
// /dev/shm, the mqueue file system and /proc go through here.
#pragma once

#include <sys/types.h>

#include <sys/stat.h>

#include <optional>
#include <string>
#include <vector>

namespace ipcdemo::sys {

struct DirEntry {
  std::string name;
  unsigned char type; // DT_REG, DT_DIR, ..., DT_UNKNOWN when the file system does not say
};

// The entries of a directory except . and .. (narrated as one open plus a count).
// Throws SysError naming the directory when it cannot be opened.
std::vector<DirEntry> list_directory(const std::string& path);

// readlink(2); nothing when the link is gone or may not be read (a process that
// ended, or one this user may not inspect). Not narrated: /proc has thousands.
std::optional<std::string> read_link(const std::string& path);

// stat(2) (following links) and lstat(2) of a path, or nothing when it fails
// (gone, not ours to see): for walks of /proc and /dev/shm that meet thousands of
// files and expect some to vanish. Not narrated; sys::stat and sys::lstat
// (sys/fd.hpp) are the narrated ones that throw.
std::optional<struct stat> stat_if_there(const std::string& path);
std::optional<struct stat> lstat_if_there(const std::string& path);

// Whether this process may execute the file at `path` (access(2), X_OK).
bool executable(const std::string& path);

// The descriptors this process has open, counted in /proc/self/fd, less the one
// the count itself uses; nothing when /proc cannot be read. Not narrated.
std::optional<std::size_t> count_open_descriptors();

// The number a small /proc file starts with (/proc/sys/fs/mqueue/msg_max, say);
// nothing when the file cannot be read or does not start with one.
std::optional<long> read_number(const std::string& path);

// statfs(2)'s f_type for a path (following links); nothing when it fails.
std::optional<long> file_system_type(const std::string& path);

// A /proc file or a queue's file, at most `limit` bytes of it (a file under
// /dev/shm may be huge), or nothing when it cannot be opened or read; `err` gets
// errno then. Not narrated, for the same reason.
std::optional<std::string> read_small_file(const std::string& path, int* err = nullptr,
                                           std::size_t limit = static_cast<std::size_t>(-1));

} // namespace ipcdemo::sys
