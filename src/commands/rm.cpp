// SPDX-License-Identifier: MIT
// rm: remove many POSIX IPC objects by pattern, carefully: every removal is
// printed, --unused spares what a process holds, --dry-run only says, and no
// pattern is an error, never "everything".
#include "commands/groups.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "base/printable.hpp"
#include "base/signals.hpp"
#include "cli/invocation.hpp"
#include "commands/listing_options.hpp"
#include "sys/message_queue.hpp"
#include "sys/semaphore.hpp"
#include "sys/shm.hpp"

#include <fmt/format.h>

namespace ipcdemo::commands {

namespace {

void remove(const ls::Row& row) {
  switch (row.kind) {
    case ObjectKind::shm: sys::shm_unlink(row.name); break;
    case ObjectKind::sem: sys::Semaphore::unlink(row.name); break;
    case ObjectKind::mq: sys::Queue::unlink(row.name); break;
    case ObjectKind::none: break;
  }
}

std::string held_by(const ls::Row& row) {
  std::string out;
  for (const auto& hold : row.holders) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{} ({}, {})", hold.pid, hold.command, holders::describe(hold));
  }
  return out;
}

int remove_objects(const Invocation& invocation) {
  if (!invocation.given("PATTERN"))
    throw UsageError("rm needs at least one PATTERN: it never removes everything unasked",
                     "to remove every object you can, say so: ipcdemo rm '*'");
  ls::Request request = listing_request(invocation);
  const bool unused = invocation.flag("unused");
  const bool dry_run = invocation.flag("dry-run");
  request.holders = unused;
  const auto listing = ls::list(request);
  const bool incomplete = warn_unlisted_queues(request, listing);
  std::size_t matched = 0;
  std::size_t left = 0;
  std::size_t failed = 0;
  for (const auto& row : listing.rows) {
    signals::throw_if_interrupted(); // what was removed was said; the rest is left
    if (row.deleted) continue;       // already unlinked: nothing to remove
    if (row.not_an_object) {
      // Planted, or a name no call takes: no unlink of ours is meant for it, and it
      // stops nothing else. The same words with --dry-run: the real run does this.
      fmt::print("left alone: {}\n", row.problem);
      ++left;
      continue;
    }
    ++matched;
    const std::string_view kind = ls::kind_name(row.kind);
    if (unused && !row.holders.empty()) {
      fmt::print("kept {} {}: held by {}\n", kind, printable(row.name), held_by(row));
      continue;
    }
    if (dry_run) {
      fmt::print("would remove {} {}\n", kind, printable(row.name));
      continue;
    }
    try {
      remove(row);
      fmt::print("removed {} {}\n", kind, printable(row.name));
    } catch (const Error& error) {
      ++failed;
      log::at(log::Level::error, "{}", error.line());
    }
  }
  if (unused) warn_uninspectable(listing);
  // Queues could not be listed: one named like the pattern may exist, so "no
  // object matches" would be a guess. The others were removed; exit 4 says so.
  if (incomplete && failed == 0) {
    if (matched == 0) log::warn("no object among those listed matches {}", fmt::join(request.patterns, " "));
    return exit_code::incomplete;
  }
  if (matched == 0) {
    log::warn("no object matches {}{}", fmt::join(request.patterns, " "),
              left == 0 ? ""
                        : fmt::format(" (left alone: {} entr{} that {} no object)", left,
                                      left == 1 ? "y" : "ies", left == 1 ? "is" : "are"));
    return exit_code::failure;
  }
  return failed == 0 ? exit_code::ok : exit_code::failure;
}

} // namespace

GroupSpec rm_group() {
  static const GroupSpec group = {
      .name = "rm",
      .summary = "Remove the POSIX IPC objects whose names match shell patterns",
      .commands = {{
          .action = "",
          .summary = "Remove the POSIX IPC objects whose names match shell patterns",
          .description =
              "Every object whose name matches a PATTERN (shell style: * ? [...], with or without\n"
              "the leading slash; quote it) is removed with shm_unlink, sem_unlink or mq_unlink, and\n"
              "each removal is printed: removed shm /x. At least one PATTERN is required: rm never\n"
              "removes everything unasked ('*' says so explicitly).\n\n"
              "--unused keeps objects that a process maps or holds open (one pass over /proc, as in\n"
              "ipcdemo who) and says who holds them. A process may open an object between that\n"
              "look and the removal; and processes this user may not inspect are not seen (they\n"
              "are counted on stderr). --dry-run only says what would be removed.\n\n"
              "Unlinking removes a name: processes that have the object open or mapped keep it\n"
              "until they let go. Entries that are no object (a directory, FIFO, socket or link\n"
              "planted under /dev/shm, a file named sem. alone) are left alone, each said (left\n"
              "alone: PATH is ...); they do not change the exit status. Exit status 1 when nothing matched\n"
              "or a removal failed (each failure is said, and the others are still removed); 2\n"
              "for an empty PATTERN; 4 when message queues could not be listed (one may match).",
          .examples = {"ipcdemo rm 'ipcdemo-test-*' --dry-run", "ipcdemo rm --type sem 'demo*' --unused",
                       "ipcdemo rm /a /b /c"},
          .options = {type_option(),
                      {.flags = "-u,--unused",
                       .type = ValueType::flag,
                       .help = "Remove only objects no process maps or holds open"},
                      {.flags = "-n,--dry-run",
                       .type = ValueType::flag,
                       .help = "Print what would be removed, remove nothing"}},
          .arguments = {pattern_argument()},
          .handler = remove_objects,
      }},
  };
  return group;
}

} // namespace ipcdemo::commands
