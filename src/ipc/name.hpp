// SPDX-License-Identifier: MIT
// Names of POSIX IPC objects: one validator for shared memory, semaphores and
// message queues. `x` and `/x` name the same object; the canonical form has the slash.
#pragma once

#include "ipc/kind.hpp"

#include <string>
#include <string_view>

namespace ipcdemo {

// The screenplay's names, used when NAME is left out.
std::string_view default_ipc_name(ObjectKind kind);

// Returns the canonical name ("/x"), logging at info level when a slash was added.
// Throws UsageError stating the rule for an empty name, "/" alone, an embedded "/",
// "." or "..", or a name longer than the kernel accepts for this kind (NAME_MAX,
// counting glibc's "sem." prefix for semaphores), and a shared memory name that
// starts with "sem." (/dev/shm/sem.X is the file of semaphore /X).
std::string normalize_ipc_name(std::string_view given, ObjectKind kind);

// Where the object appears in the file system: /dev/shm/x, /dev/shm/sem.x, /dev/mqueue/x.
std::string ipc_object_path(std::string_view canonical_name, ObjectKind kind);

// The longest name, without the leading slash, that the kernel accepts for this kind.
std::size_t max_ipc_name_length(ObjectKind kind);

} // namespace ipcdemo
