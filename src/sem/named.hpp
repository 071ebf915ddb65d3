// SPDX-License-Identifier: MIT
// Creating, opening and removing a named semaphore, with the messages a student
// needs when something is off (unknown name, name taken).
#pragma once

#include "sys/semaphore.hpp"

#include <sys/types.h>

#include <string>

namespace ipcdemo::sem {

struct Created {
  sys::Semaphore semaphore;
  bool created = false; // false: an existing semaphore was opened
};

// sem_open(O_CREAT|O_EXCL, mode, value); when NAME exists and `exclusive` is
// false, opens the existing semaphore instead, leaving its value as it is.
Created create(const std::string& name, mode_t mode, unsigned value, bool exclusive);

// sem_open of an existing semaphore.
sys::Semaphore open(const std::string& name);

// sem_unlink, with a hint for an unknown name. A planted FIFO, socket or link
// under the semaphore's file name is removed too (never opened or followed) and
// the log says what it was; a directory is refused.
void unlink(const std::string& name);

} // namespace ipcdemo::sem
