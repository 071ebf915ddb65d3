// SPDX-License-Identifier: MIT
// A file system mounted where only we can see it: a child process enters a
// private mount namespace (unshare(CLONE_NEWNS), propagation made private so
// nothing reaches the host), mounts the file system there, and hands the
// mounted directory back as an open descriptor over a socket (SCM_RIGHTS).
// The descriptor keeps the mount alive after the child and its namespace are
// gone; the host's mount table never changes. Needs CAP_SYS_ADMIN.
#pragma once

#include "sys/fd.hpp"

#include <optional>
#include <string>

namespace ipcdemo::sys {

struct PrivateMount {
  Fd directory;      // the mounted directory; reach its files as /proc/self/fd/N/FILE
  std::string point; // where the child mounted it, in its own namespace (for messages)
};

// A fresh mount of `type` (e.g. "mqueue"), nosuid, nodev, noexec, on `preferred`
// when that is a directory (the usual place, /dev/mqueue), else on any directory
// that exists: the mount is seen only in the child's namespace. Nothing (with the
// reason, "unshare CLONE_NEWNS: Operation not permitted", in `why`) when the child
// could not make it.
std::optional<PrivateMount> mount_privately(const std::string& type, const std::string& preferred,
                                            std::string& why);

} // namespace ipcdemo::sys
