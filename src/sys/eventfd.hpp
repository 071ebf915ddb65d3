// SPDX-License-Identifier: MIT
// eventfd(2): a 64-bit counter in the kernel that read(2) blocks on while it is 0.
#pragma once

#include "sys/fd.hpp"

#include <string>

namespace ipcdemo::sys {

// eventfd(0, EFD_CLOEXEC): blocking, not in semaphore mode (a read takes the whole count).
Fd eventfd(const std::string& name);

} // namespace ipcdemo::sys
