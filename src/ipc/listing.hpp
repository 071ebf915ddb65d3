// `ipcdemo ls`: the POSIX IPC objects this process can see, one row each.
// Reading an object never changes it: sizes and modes come from stat(2), a
// semaphore's value from sem_getvalue(3), a queue's attributes from mq_getattr(3)
// on a read-only descriptor. A damaged or forbidden object is listed with what is
// wrong with it instead of ending the listing.
#pragma once

#include "ipc/kind.hpp"

#include <sys/types.h>

#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace ipcdemo::ls {

struct Row {
  ObjectKind kind = ObjectKind::none;
  std::string name;                 // canonical, "/x"
  std::string path;                 // the file that shows it
  std::optional<long long> bytes;   // shm: size
  std::optional<long long> value;   // sem: sem_getvalue
  std::optional<long long> curmsgs; // mq: mq_getattr
  std::optional<long long> maxmsg;
  std::optional<long long> msgsize;
  mode_t mode = 0;
  uid_t uid = 0;
  std::time_t changed = 0;
  std::string problem; // empty when the object could be read
};

struct Listing {
  std::vector<Row> rows;
  bool mqueue_mounted = false;
};

// Everything of the kinds in `kinds`, sorted by kind then name.
Listing list(const std::vector<ObjectKind>& kinds);

std::string format_table(const Listing& listing);
std::string format_json(const Listing& listing);

} // namespace ipcdemo::ls
