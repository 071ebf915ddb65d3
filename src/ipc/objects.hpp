// SPDX-License-Identifier: MIT
// The POSIX IPC objects this process can see: shared memory and semaphores in
// /dev/shm (the mount namespace's), queues in the mqueue file system (the IPC
// namespace's). The one scan of these directories: ls, who, rm, watch and
// completion all start here.
#pragma once

#include "ipc/kind.hpp"
#include "ipc/mqueue_fs.hpp"
#include "sys/fd.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ipcdemo {

struct ObjectFile {
  ObjectKind kind = ObjectKind::none;
  std::string name;  // canonical, "/x"
  std::string path;  // the file that shows it: /dev/shm/sem.x, /dev/mqueue/x
  std::string entry; // its name in that directory: sem.x, x
};

struct ObjectFiles {
  std::vector<ObjectFile> files; // sorted by kind, then name
  // Set when queues were asked for and could be read (mounted, or privately as root).
  std::optional<mq::MqueueDirectory> mqueue;
  std::string mqueue_problem; // why queues could not be read
  // /dev/shm, open, to stat its files by name (sys::lstat_at); invalid if not scanned.
  sys::Fd shm_directory;
  // The open directory that holds `file` (invalid: use its path).
  const sys::Fd& directory_of(const ObjectFile& file) const;
};

// The files of the kinds asked for. `private_mqueue`: as root, read queues
// through a private mount when the host has none (see sys/private_mount.hpp).
ObjectFiles scan_object_files(const std::vector<ObjectKind>& kinds, bool private_mqueue);

// Canonical names ("/x"), sorted, for completion: never mounts anything, so empty
// for queues when no mqueue fs is mounted.
std::vector<std::string> live_object_names(ObjectKind kind);

} // namespace ipcdemo
