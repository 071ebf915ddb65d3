// The POSIX IPC objects this process can see: shared memory and semaphores in
// /dev/shm (the mount namespace's), queues in a mounted mqueue file system (the
// IPC namespace's). Used by completion to offer live names.
#pragma once

#include "ipc/kind.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ipcdemo {

// Canonical names ("/x"), sorted. Empty for queues when no mqueue fs is mounted.
std::vector<std::string> live_object_names(ObjectKind kind);

} // namespace ipcdemo
