// SPDX-License-Identifier: MIT
#include "commands/ipc_options.hpp"

#include "sys/fd.hpp"
#include "sys/narrate.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "ipc/name.hpp"
#include "ipc/owner.hpp"
#include "sys/message_queue.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ipcdemo::commands {

ArgumentSpec name_argument(ObjectKind kind) {
  return {.name = "NAME",
          .type = ValueType::object,
          .help = "Object name; a leading / is added when missing",
          .default_value = default_ipc_name(kind),
          .object = kind};
}

OptionSpec exclusive_option() {
  return {.flags = "-x,--exclusive",
          .type = ValueType::flag,
          .help = "Fail (EEXIST, exit 1) if the object exists, instead of opening it"};
}

OptionSpec mode_option() {
  return {.flags = "-m,--mode",
          .type = ValueType::mode,
          .help = "Permission bits of a new object, in octal, 0 to 0777 (the umask still applies)",
          .default_value = "0600"};
}

std::string object_name(const Invocation& invocation, ObjectKind kind) {
  return normalize_ipc_name(invocation.text("NAME"), kind);
}

namespace {

// The owner of an existing object; nothing when it does not exist. A queue is
// asked through a descriptor (no mqueue mount needed); one we may not even open
// is not ours.
std::optional<uid_t> owner_of(const std::string& name, ObjectKind kind) {
  const narrate::Check check; // ours: the screenplay removes without asking whose it is
  if (kind != ObjectKind::mq) {
    try {
      return sys::stat(ipc_object_path(name, kind)).st_uid; // a check: line at -vv
    } catch (const SysError&) {
      return std::nullopt;
    }
  }
  try {
    return sys::Queue::open(name, O_RDONLY).status().st_uid;
  } catch (const SysError& error) {
    if (error.err() == ENOENT) return std::nullopt;
    return static_cast<uid_t>(-1);
  }
}

} // namespace

std::string unlink_name(const Invocation& invocation, ObjectKind kind) {
  std::string name = object_name(invocation, kind);
  if (invocation.given("NAME")) return name;
  const auto owner = owner_of(name, kind);
  if (owner && *owner != ::geteuid())
    throw UsageError(
        fmt::format("{} is the default name and the object is not yours (owner: {}); not removing it unasked",
                    name,
                    *owner == static_cast<uid_t>(-1) ? std::string("unknown, you may not open it")
                                                     : user_name(*owner)),
        fmt::format("name it explicitly to remove it: ipcdemo {} unlink {}",
                    kind == ObjectKind::shm   ? "shm"
                    : kind == ObjectKind::sem ? "sem"
                                              : "mq",
                    name));
  return name;
}

int create_flags(const Invocation& invocation) {
  return O_CREAT | (invocation.flag("exclusive") ? O_EXCL : 0);
}

std::optional<std::string> mode_not_applied(mode_t requested, mode_t actual) {
  // umask() can only be read by setting it; set it straight back.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  const mode_t would_have = requested & ~mask & 07777;
  if (would_have == (actual & 07777)) return std::nullopt;
  return fmt::format("--mode {:04o} (it has {:04o})", requested, actual & 07777);
}

void warn_existing(std::string_view kind_label, std::string_view name,
                   const std::vector<std::string>& not_applied) {
  if (not_applied.empty())
    log::warn("{} {} already existed: opened it", kind_label, name);
  else
    log::warn(
        "{} {} already existed: opened it; not applied: {} (use --exclusive to fail instead, or unlink it "
        "first)",
        kind_label, name, fmt::join(not_applied, ", "));
}

} // namespace ipcdemo::commands
