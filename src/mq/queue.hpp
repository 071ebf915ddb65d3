// SPDX-License-Identifier: MIT
// Creating, opening and removing a message queue by NAME, with the messages a
// student needs when something is off (unknown name, name taken, no permission,
// a kernel limit reached).
#pragma once

#include "sys/message_queue.hpp"

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace ipcdemo::mq {

struct CreateSettings {
  std::uint64_t maxmsg = 10;
  std::uint64_t msgsize = 24;
  mode_t mode = 0600;
  bool exclusive = false; // fail with EEXIST instead of opening an existing queue
};

struct Created {
  sys::Queue queue;     // opened O_RDONLY
  bool created = false; // false: an existing queue was opened, with its own attributes
};

// mq_open(O_CREAT|O_EXCL) with the attributes; an existing queue is opened as it
// is unless `exclusive`. A limit error names the limit, its value and where it is set.
Created create(const std::string& name, const CreateSettings& settings);
// Says at info level what the queue now has: a new one its attributes and the mode
// asked for (before the umask), an existing one its own attributes; and warns when
// its messages are too small for a sample.
void report(const std::string& name, const Created& created, mode_t mode);

// mq_open of an existing queue; `flags` holds O_RDONLY or O_WRONLY (and maybe O_NONBLOCK).
sys::Queue open(const std::string& name, int flags);

// Opens the queue in whichever direction this user may, for its attributes.
sys::Queue open_to_look(const std::string& name);

// mq_unlink, with a hint for an unknown name; says at info level what it did.
void unlink(const std::string& name);

} // namespace ipcdemo::mq
