// SPDX-License-Identifier: MIT
// Hints for a permission error on a POSIX IPC object: whose it is and what its
// mode allows, read from the object's file (/dev/shm/x, /dev/shm/sem.x, or the
// queue's file where the mqueue file system is mounted), so that the hint names
// the real cause instead of pointing at a command that would fail the same way.
#pragma once

#include "ipc/kind.hpp"

#include <string>
#include <string_view>

namespace ipcdemo {

// "/dev/shm/x belongs to root (mode 0600)", or "" when it cannot be seen.
std::string describe_owner(std::string_view canonical_name, ObjectKind kind);

// For EACCES/EPERM from shm_unlink, sem_unlink, mq_unlink: the directory is sticky,
// so only the owner (or root) may remove the name.
std::string unlink_denied_hint(std::string_view canonical_name, ObjectKind kind);

// For EACCES from an open: `access` is what was asked ("read and write", "write").
std::string open_denied_hint(std::string_view canonical_name, ObjectKind kind, std::string_view access);

} // namespace ipcdemo
