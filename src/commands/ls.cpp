// SPDX-License-Identifier: MIT
// ls: every POSIX IPC object this process can see, as lsipc does for System V.
#include "commands/groups.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "cli/invocation.hpp"
#include "commands/listing_options.hpp"
#include "commands/shared_options.hpp"
#include "ipc/listing.hpp"
#include "ipc/mqueue_fs.hpp"
#include "ls/columns.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ipcdemo::commands {

namespace {

int list_objects(const Invocation& invocation) {
  const bool json = invocation.flag("json");
  ls::Format format{.columns = ls::default_columns(invocation.flag("holders")),
                    .headings = !invocation.flag("noheadings"),
                    .bytes = invocation.flag("bytes")};
  if (invocation.given("output"))
    format.columns = ls::parse_columns(invocation.text("output"), format.columns);
  const bool all_json = json && !invocation.given("output");
  const auto wants = [&](std::string_view column) {
    return all_json ||
           std::find(format.columns.begin(), format.columns.end(), column) != format.columns.end();
  };
  ls::Request request = listing_request(invocation);
  // Scanning /proc is asked for: by --holders, or by choosing the HOLDERS column (not by plain --json).
  request.holders = invocation.flag("holders") || (!all_json && wants("HOLDERS"));
  request.notify = wants("NOTIFY");
  // Opening each queue for mq_getattr is most of what listing queues costs: only when a column needs it.
  request.queue_attributes = wants("SIZE") || wants("CURMSGS") || wants("MAXMSG") || wants("MSGSIZE");
  const auto listing = ls::list(request);
  const bool incomplete = warn_unlisted_queues(request, listing);
  fmt::print("{}", json ? ls::format_json(listing, format, all_json) : ls::format_table(listing, format));
  warn_uninspectable(listing);
  return incomplete ? exit_code::incomplete : exit_code::ok;
}

// The prose, then one line per column from the column table (help and man page).
std::string_view description() {
  static const std::string text = [] {
    std::string out = std::string(
        "One row per object, sorted by type and name: type, name, size (shm: bytes, human-readable\n"
        "unless --bytes; sem: its value; mq: messages queued/maximum x message size), mode,\n"
        "owner, group, and the times of the last change (MTIME: contents; CTIME: contents or\n"
        "attributes). Shared memory and semaphores are the files of /dev/shm (a semaphore is\n"
        "sem.NAME there); queues are the files of the mqueue file system. When it is not\n"
        "mounted, root reads it through a private mount (a child process mounts it in a mount\n"
        "namespace of its own: nothing is mounted on the host); anyone else is told how to\n"
        "mount it (mount -t mqueue none /dev/mqueue).\n\n"
        "PATTERNs are shell patterns (* ? [...]) matched against names, with or without the\n"
        "leading slash; quote them so that the shell does not expand them.\n\n"
        "--holders adds who maps or holds each object (one pass over /proc; see ipcdemo who),\n"
        "and lists objects that were unlinked but are still mapped or open, as NAME (deleted).\n\n"
        "What is listed is what this process can see: /dev/shm belongs to its mount\n"
        "namespace, message queues to its IPC namespace.\n\n"
        "Reading never changes an object. One that cannot be read (a damaged semaphore\n"
        "file, a queue we may not open) is listed with what is wrong with it.");
    out += "\n\nColumns (--output):\n";
    for (const auto& column : ls::all_columns()) out += fmt::format("  {:<8} {}\n", column.name, column.help);
    out.pop_back();
    return out;
  }();
  return text;
}

} // namespace

GroupSpec ls_group() {
  static const GroupSpec group = {
      .name = "ls",
      .summary = "List this host's POSIX IPC objects: segments, semaphores, queues",
      .commands = {{
          .action = "",
          .summary = "List this host's POSIX IPC objects: segments, semaphores, queues",
          .description = description(),
          .examples = {"ipcdemo ls", "ipcdemo ls --type sem,mq", "ipcdemo ls 'demo*' --holders",
                       "ipcdemo ls -o NAME,SIZE,HOLDERS --bytes --noheadings",
                       "ipcdemo ls --json | jq '.[].name'"},
          .options = {type_option(), listing_json_option(), output_option(), noheadings_option(),
                      bytes_option(), holders_option()},
          .arguments = {pattern_argument()},
          .handler = list_objects,
      }},
  };
  return group;
}

} // namespace ipcdemo::commands
