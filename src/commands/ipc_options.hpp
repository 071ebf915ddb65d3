// SPDX-License-Identifier: MIT
// The options and argument that shm, sem and mq share, described once so that
// their help, completion and man pages say the same thing.
#pragma once

#include "cli/invocation.hpp"
#include "cli/spec.hpp"

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipcdemo::commands {

// [NAME]: optional, defaulting to the screenplay's name for this kind.
ArgumentSpec name_argument(ObjectKind kind);
// -x, --exclusive: fail with EEXIST instead of opening an existing object.
OptionSpec exclusive_option();
// -m, --mode MODE: permission bits for a new object, default 0600 (umask applies).
OptionSpec mode_option();

// The canonical NAME of this invocation (given or default), validated.
std::string object_name(const Invocation& invocation, ObjectKind kind);
// The NAME an unlink removes: the one given, or the default only when that object
// is missing or belongs to this user. A default object of another user (on a
// shared host the screenplay's name may well be someone else's) is a UsageError
// that asks for the name explicitly.
std::string unlink_name(const Invocation& invocation, ObjectKind kind);
// O_CREAT, plus O_EXCL with --exclusive.
int create_flags(const Invocation& invocation);
// Says at warn level that `name` existed and was opened, and which requested
// settings therefore did not apply (e.g. "--size 8192", "--mode 0644").
// For an existing object: "--mode 0644 (it has 0600)" when the mode a new one would
// have got (requested & ~umask) differs from the mode it has, else nothing.
std::optional<std::string> mode_not_applied(mode_t requested, mode_t actual);
void warn_existing(std::string_view kind_label, std::string_view name,
                   const std::vector<std::string>& not_applied);

} // namespace ipcdemo::commands
