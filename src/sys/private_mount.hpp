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

// A directory descriptor of a fresh mount of `type` (e.g. "mqueue"), or nothing
// (with the reason in `why`) when the child could not make it.
std::optional<Fd> mount_privately(const std::string& type, std::string& why);

} // namespace ipcdemo::sys
