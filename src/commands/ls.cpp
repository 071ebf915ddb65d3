// ls: every POSIX IPC object this process can see, as lsipc does for System V.
#include "commands/groups.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "cli/invocation.hpp"
#include "commands/shared_options.hpp"
#include "ipc/listing.hpp"
#include "ipc/mqueue_fs.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ipcdemo::commands {

namespace {

int list_objects(const Invocation& invocation) {
  std::vector<ObjectKind> kinds = {ObjectKind::shm, ObjectKind::sem, ObjectKind::mq};
  if (invocation.given("type")) {
    const std::string type = invocation.text("type");
    kinds = {type == "shm" ? ObjectKind::shm : type == "sem" ? ObjectKind::sem : ObjectKind::mq};
  }
  const auto listing = ls::list(kinds);
  const bool wants_queues = std::find(kinds.begin(), kinds.end(), ObjectKind::mq) != kinds.end();
  if (wants_queues && !listing.mqueue_mounted)
    log::warn(
        "message queues are not listed: the mqueue file system is not mounted; to see them (as root): {}",
        mq::mount_command);
  fmt::print("{}", invocation.flag("json") ? ls::format_json(listing) : ls::format_table(listing));
  return exit_code::ok;
}

} // namespace

GroupSpec ls_group() {
  return {
      .name = "ls",
      .summary = "List the POSIX IPC objects of this host: shared memory, semaphores, queues",
      .commands = {{
          .action = "",
          .summary = "List the POSIX IPC objects of this host: shared memory, semaphores, queues",
          .description = "One row per object: type, name, size (shm: bytes; sem: its value; mq: messages\n"
                         "queued/maximum x message size), mode, owner and last change. Shared memory and\n"
                         "semaphores are the files of /dev/shm (a semaphore is sem.NAME there); queues are\n"
                         "the files of the mounted mqueue file system, and are not listed when none is\n"
                         "mounted (mount -t mqueue none /dev/mqueue).\n\n"
                         "What is listed is what this process can see: /dev/shm belongs to its mount\n"
                         "namespace, message queues to its IPC namespace.\n\n"
                         "Reading never changes an object. One that cannot be read (a damaged semaphore\n"
                         "file, a queue we may not open) is listed with what is wrong with it.",
          .examples = {"ipcdemo ls", "ipcdemo ls --type sem", "ipcdemo ls --json | jq '.[].name'"},
          .options =
              {
                  {.flags = "-t,--type",
                   .type = ValueType::choice,
                   .help = "Only this kind of object",
                   .choices = {"shm", "sem", "mq"}},
                  json_option("One JSON document: an array of objects with stable field names"),
              },
          .handler = list_objects,
      }},
  };
}

} // namespace ipcdemo::commands
