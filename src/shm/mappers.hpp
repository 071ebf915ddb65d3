// SPDX-License-Identifier: MIT
// Which processes have a file mapped, from /proc/PID/maps: shortening a segment
// that others map makes their next touch past the new end a SIGBUS. Shared with
// any command that needs to warn before it cuts a segment short.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace ipcdemo::shm {

struct Mappers {
  std::vector<pid_t> pids; // processes other than this one with a mapping of the file
  int unreadable = 0;      // processes whose maps we may not read (another user's)
};

// Scans /proc/*/maps for rows naming `path` (also "PATH (deleted)").
Mappers processes_mapping(const std::string& path);

// "pid 123, pid 456" and, when some could not be checked, a note saying how many.
std::string describe(const Mappers& mappers);

} // namespace ipcdemo::shm
