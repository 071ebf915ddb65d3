// SPDX-License-Identifier: MIT
// limits: what the kernel and the per-user limits allow for POSIX IPC, and how
// much of it is in use.
#include "commands/groups.hpp"

#include "base/error.hpp"
#include "cli/invocation.hpp"
#include "commands/shared_options.hpp"
#include "limits/overview.hpp"
#include "sys/terminal.hpp"

#include <fmt/format.h>

namespace ipcdemo::commands {

namespace {

int show_limits(const Invocation& invocation) {
  const auto limits = limits::read_all();
  // The table fits the terminal it is shown on (COLUMNS, or 80, elsewhere).
  const int columns = sys::output_size().columns;
  fmt::print("{}", invocation.flag("json") ? limits::format_json(limits)
                                           : limits::format_table(limits, static_cast<std::size_t>(columns)));
  return exit_code::ok;
}

} // namespace

GroupSpec limits_group() {
  static const GroupSpec group = {
      .name = "limits",
      .summary = "Every POSIX IPC limit: its use, where it is set, how to raise it",
      .commands = {{
          .action = "",
          .summary = "Every POSIX IPC limit: its use, where it is set, how to raise it",
          .description =
              "One entry per limit: the message queue sysctls of this IPC namespace (queues_max,\n"
              "msg_max, msgsize_max and the defaults, from /proc/sys/fs/mqueue), this user's\n"
              "RLIMIT_MSGQUEUE with the bytes its queues are charged (maxmsg x (msgsize + 48) plus\n"
              "48 per message up to 32768, as a 64-bit kernel counts them), the size and files of\n"
              "the /dev/shm tmpfs (statvfs), SEM_VALUE_MAX, SEM_NSEMS_MAX and RLIMIT_NOFILE.\n"
              "USED is given where it can be known: queue use needs the mqueue file system\n"
              "(mounted, or read through a private mount as root); the largest maxmsg and msgsize\n"
              "of any queue stand against msg_max and msgsize_max. Each entry says the file or\n"
              "call it comes from and how to raise it.",
          .examples = {"ipcdemo limits", "ipcdemo limits --json | jq '.[] | select(.used != null)'"},
          .options = {json_option(
              "One JSON array: resource, limit, used, unit, from, raise (null when unknown)")},
          .handler = show_limits,
      }},
  };
  return group;
}

} // namespace ipcdemo::commands
