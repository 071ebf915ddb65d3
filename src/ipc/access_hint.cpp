// SPDX-License-Identifier: MIT
#include "ipc/access_hint.hpp"

#include "base/error.hpp"

#include "ipc/mqueue_fs.hpp"
#include "ipc/name.hpp"
#include "ipc/owner.hpp"
#include "sys/directory.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ipcdemo {

namespace {

// Where the object's file can be seen, or "" (a queue without a mounted mqueue fs).
std::string visible_path(std::string_view name, ObjectKind kind) {
  if (kind != ObjectKind::mq) return ipc_object_path(name, kind);
  const auto mount = mq::mqueue_mount_point();
  return mount ? *mount + std::string(name) : std::string();
}

std::string_view noun(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::shm: return "segment";
    case ObjectKind::sem: return "semaphore";
    case ObjectKind::mq: return "queue";
    case ObjectKind::none: break;
  }
  return "object";
}

} // namespace

std::string describe_owner(std::string_view name, ObjectKind kind) {
  const std::string path = visible_path(name, kind);
  const auto info = path.empty() ? std::nullopt : sys::lstat_if_there(path);
  if (!info) return {};
  return fmt::format("{} belongs to {} (mode {:04o})", path, user_name(info->st_uid), info->st_mode & 07777);
}

std::string unlink_denied_hint(std::string_view name, ObjectKind kind) {
  const std::string dir = kind == ObjectKind::mq ? "the mqueue file system's root" : "/dev/shm";
  const std::string owner = describe_owner(name, kind);
  return fmt::format(
      "{}{} is a sticky directory (mode 1777): only the {}'s owner or root may remove its name",
      owner.empty() ? "" : owner + ", and ", dir, noun(kind));
}

std::string open_denied_hint(std::string_view name, ObjectKind kind, std::string_view access) {
  const std::string owner = describe_owner(name, kind);
  std::string hint = fmt::format("the {} exists and its mode does not give this user (uid {}) {} permission",
                                 noun(kind), ::getuid(), access);
  if (!owner.empty()) return hint + ": " + owner;
  if (kind == ObjectKind::mq)
    return hint + fmt::format("; to see its owner and mode, mount the mqueue file system (as root): {}",
                              mq::mount_command);
  return hint;
}

} // namespace ipcdemo
