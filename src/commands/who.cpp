// SPDX-License-Identifier: MIT
// who: which processes map, hold or wait on each POSIX IPC object — lsfd's
// question asked from the object's side.
#include "commands/groups.hpp"

#include "base/error.hpp"
#include "cli/invocation.hpp"
#include "commands/listing_options.hpp"
#include "ls/who_format.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ipcdemo::commands {

namespace {

int who(const Invocation& invocation) {
  ls::Request request = listing_request(invocation);
  request.holders = true;
  auto listing = ls::list(request);
  // Without a pattern, only what someone holds: the question is "who", not "what".
  if (request.patterns.empty())
    std::erase_if(listing.rows, [](const ls::Row& row) {
      return row.holders.empty() && !(row.waiters && *row.waiters > 0);
    });
  const bool incomplete = warn_unlisted_queues(request, listing);
  fmt::print("{}", invocation.flag("json") ? ls::format_who_json(listing) : ls::format_who_table(listing));
  warn_uninspectable(listing);
  return incomplete ? exit_code::incomplete : exit_code::ok;
}

} // namespace

GroupSpec who_group() {
  static const GroupSpec group = {
      .name = "who",
      .summary = "Show which processes map, hold or wait on each POSIX IPC object",
      .commands = {{
          .action = "",
          .summary = "Show which processes map, hold or wait on each POSIX IPC object",
          .description =
              "One pass over /proc: a process's maps (/proc/PID/maps) tell which segments and\n"
              "semaphores it has mapped, read-only or read-write and how much; its descriptors\n"
              "(/proc/PID/fd, flags from /proc/PID/fdinfo) which segments and queues it holds open and\n"
              "how. A queue's file in the mqueue file system names the process registered with\n"
              "mq_notify (NOTIFY_PID); a semaphore's file counts the threads blocked in sem_wait\n"
              "(glibc's layout). A segment or semaphore is matched by its device and inode, as lsof\n"
              "and fuser match files, never by the path a process sees: a mapping through a bind\n"
              "mount of /dev/shm is a hold, a namesake in another mount namespace's /dev/shm is not.\n"
              "An object that was unlinked but is still mapped or open is shown as NAME (deleted):\n"
              "its name is gone, its memory is not.\n\n"
              "Without PATTERN only objects someone holds are listed; with one, every matching\n"
              "object is, \"not held\" when no process holds it. Processes whose maps and descriptors\n"
              "this user may not read are counted and said on stderr, not silently skipped.\n"
              "This process itself is left out.",
          .examples = {"ipcdemo who", "ipcdemo who /mein-shared-dings", "ipcdemo who 'demo*' --type shm",
                       "ipcdemo who --json | jq '.objects[].holders[].pid'"},
          .options = {type_option(), listing_json_option()},
          .arguments = {pattern_argument()},
          .handler = who,
      }},
  };
  return group;
}

} // namespace ipcdemo::commands
