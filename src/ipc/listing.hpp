// SPDX-License-Identifier: MIT
// `ipcdemo ls`: the POSIX IPC objects this process can see, one row each.
// Reading an object never changes it: sizes and modes come from stat(2), a
// semaphore's value and waiters from its file (read only), a queue's attributes
// from mq_getattr(3) on a read-only descriptor. A damaged or forbidden object is listed with what is
// wrong with it instead of ending the listing. With holders, one pass over /proc
// adds who maps or holds each object, and objects unlinked but still held.
#pragma once

#include "ipc/holders.hpp"
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
  bool deleted = false;             // unlinked, known only from its holders
  std::optional<long long> bytes;   // shm: size
  std::optional<long long> value;   // sem: sem_getvalue
  std::optional<long long> waiters; // sem: from its file (glibc's layout)
  std::optional<long long> curmsgs; // mq: mq_getattr
  std::optional<long long> maxmsg;
  std::optional<long long> msgsize;
  std::optional<long long> notify_pid; // mq: NOTIFY_PID of its file, 0 = none
  std::optional<mode_t> mode;
  std::optional<uid_t> uid;
  std::optional<gid_t> gid;
  std::optional<std::time_t> mtime;
  std::optional<std::time_t> ctime;
  std::string problem; // empty when the object could be read
  // Planted or odd: not a regular file, or a file whose name is no object's
  // (sem. alone). Listed as what it is; rm leaves it alone.
  bool not_an_object = false;
  std::vector<holders::Hold> holders;
};

struct Request {
  std::vector<ObjectKind> kinds = {ObjectKind::shm, ObjectKind::sem, ObjectKind::mq};
  std::vector<std::string> patterns; // fnmatch; empty = every object
  bool holders = false;              // scan /proc, add unlinked-but-held objects
  bool notify = false;               // read each queue's NOTIFY_PID (implied by holders)
  bool queue_attributes = true;      // mq_open + mq_getattr each queue (else stat only)
  bool private_mqueue = true;        // as root, read queues through a private mount
};

struct Listing {
  std::vector<Row> rows; // sorted by kind, then name
  bool mqueue_read = false;
  bool mqueue_private = false;
  std::string mqueue_problem;
  std::optional<holders::Scan> scan; // with holders
};

Listing list(const Request& request);

std::string_view kind_name(ObjectKind kind);

} // namespace ipcdemo::ls
