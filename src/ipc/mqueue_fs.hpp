// SPDX-License-Identifier: MIT
// The mqueue file system: where it is mounted (if at all) and what a queue's
// file there says ("QSIZE:48 NOTIFY:0 SIGNO:0 NOTIFY_PID:0"). The screenplay
// mounts it to look into the queues; `mq info` and `mq notify` read it.
#pragma once

#include "sys/fd.hpp"

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>

namespace ipcdemo::mq {

// The first mount point of type mqueue in a /proc/self/mounts text.
std::optional<std::string> find_mqueue_mount(std::string_view mounts);
// The same, reading /proc/self/mounts (narrated).
std::optional<std::string> mqueue_mount_point();

struct QueueFile {
  std::string text; // the line as the kernel wrote it, trimmed
  std::optional<long> qsize;
  std::optional<long> notify;
  std::optional<long> signo;
  std::optional<pid_t> notify_pid;
};
QueueFile parse_queue_file(std::string_view text);
// The queue's file under `mount_point` (canonical name "/x" -> MOUNT/x), or
// nullopt when it cannot be read.
std::optional<QueueFile> read_queue_file(const std::string& mount_point, std::string_view canonical_name);

// Where the queues' files can be read: the host's mount point, or (as root, when
// none is mounted) a private mount reached as /proc/self/fd/N (sys/private_mount.hpp).
// The one way into the queues' files: ls, who, rm, watch and `mq info` all use it.
struct MqueueDirectory {
  std::string path;  // where to read: a mount point, or /proc/self/fd/N
  std::string shown; // where it is mounted, for messages (/dev/mqueue)
  bool private_mount = false;
  // The directory, open: queues are opened in it (sys::Queue::open_in). For a
  // private mount it is what keeps the mount alive. Invalid when the host's
  // mount point could not be opened (then queues are opened with mq_open).
  sys::Fd directory;
};
// When to mount it privately if the host has no mount: never (completion);
// as root only (listings: anyone else is told how to mount it); or whenever
// asked (`mq info`, which then says why the kernel refused).
enum class PrivateMount { never, as_root, attempt };
// Nothing when queues cannot be read; `why` then says why (not mounted, and
// the private mount's failure when one was tried), `failure` only the latter.
std::optional<MqueueDirectory> mqueue_directory(PrivateMount private_mount, std::string* why = nullptr,
                                                std::string* failure = nullptr);

// Where a private mount goes, in the child's namespace: the usual place, when
// that directory exists (else any directory will do).
inline constexpr const char* usual_mount_point = "/dev/mqueue";

// How to mount it, for the hints when it is not mounted.
inline constexpr const char* mount_command = "mkdir -p /dev/mqueue && mount -t mqueue none /dev/mqueue";

} // namespace ipcdemo::mq
