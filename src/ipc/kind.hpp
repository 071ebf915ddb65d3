// SPDX-License-Identifier: MIT
// The three kinds of POSIX IPC object. Below the command line: the name rules,
// listings and owners use it, and the registry tags NAME arguments with it so
// that completion can offer live objects.
#pragma once

namespace ipcdemo {

enum class ObjectKind { none, shm, sem, mq };

} // namespace ipcdemo
