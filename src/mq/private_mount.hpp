// The screenplay's "mount the mqueue-fs, and look into it", without mounting
// anything on the host: a child process enters a mount namespace of its own
// (unshare(CLONE_NEWNS), propagation made private), mounts the mqueue file
// system there, reads the queue's file and exits; the mount goes with it.
// Needs CAP_SYS_ADMIN (root); elsewhere it says why it could not.
#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace ipcdemo::mq {

struct NotSeen {
  std::string why; // one line: the call and its cause
};

// The queue file's text ("QSIZE:24 NOTIFY:0 SIGNO:0 NOTIFY_PID:0") of canonical
// NAME, or why it could not be read.
std::variant<std::string, NotSeen> read_queue_file_privately(std::string_view canonical_name);

// Where the child mounts it: /dev/mqueue, the usual place, when that directory exists.
inline constexpr const char* private_mount_point = "/dev/mqueue";

} // namespace ipcdemo::mq
