// SPDX-License-Identifier: MIT
#include "commands/listing_options.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "ipc/mqueue_fs.hpp"
#include "ls/columns.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>

namespace ipcdemo::commands {

ArgumentSpec pattern_argument() {
  return {.name = "PATTERN",
          .type = ValueType::object,
          .help = "Only objects whose name matches a shell pattern (* ? [...]), with or without the /",
          .many = true};
}

OptionSpec type_option() {
  static constexpr std::string_view kinds[] = {"shm", "sem", "mq"};
  return {.flags = "-t,--type",
          .type = ValueType::choice,
          .help = "Only this kind of object; repeat it or give a list (shm,sem)",
          .choices = kinds,
          .many = true};
}

OptionSpec listing_json_option() {
  return {.flags = "-j,--json",
          .type = ValueType::flag,
          .help = "One JSON document: an array of objects with stable, typed fields"};
}

OptionSpec output_option() {
  return {.flags = "-o,--output",
          .type = ValueType::columns,
          .help = "Columns to show, comma-separated (see Columns); +LIST adds to the default ones",
          .choices = ls::column_names()};
}

OptionSpec noheadings_option() {
  return {.flags = "-n,--noheadings", .type = ValueType::flag, .help = "Print no header line"};
}

OptionSpec bytes_option() {
  return {.flags = "-b,--bytes", .type = ValueType::flag, .help = "Print sizes in bytes instead of 4K, 1.5M"};
}

OptionSpec holders_option() {
  return {.flags = "-H,--holders",
          .type = ValueType::flag,
          .help = "Add the processes that map or hold each object, and unlinked objects still held"};
}

ls::Request listing_request(const Invocation& invocation) {
  ls::Request request;
  if (invocation.given("type")) {
    request.kinds.clear();
    for (const auto& type : split_list(invocation.texts("type"))) {
      const ObjectKind kind = type == "shm"   ? ObjectKind::shm
                              : type == "sem" ? ObjectKind::sem
                                              : ObjectKind::mq;
      if (std::find(request.kinds.begin(), request.kinds.end(), kind) == request.kinds.end())
        request.kinds.push_back(kind);
    }
  }
  if (invocation.given("PATTERN")) request.patterns = invocation.texts("PATTERN");
  // An empty pattern matches no name: a typo ("$PREFIX*" with PREFIX unset gives
  // '*', but "$NAME" gives ''), never a filter anyone means.
  for (const auto& pattern : request.patterns)
    if (pattern.empty() || pattern == "/")
      throw UsageError(
          fmt::format("PATTERN '{}' matches no name: a name has at least one character after the /", pattern),
          "to mean every object, say so: '*'");
  return request;
}

void say_queues_unlisted(const std::string& problem) {
  if (::geteuid() == 0)
    log::warn("message queues are not listed: {}", problem);
  else
    log::warn(
        "message queues are not listed: the mqueue file system is not mounted; to see them (as root): {} "
        "(or run this as root: it reads them through a private mount)",
        mq::mount_command);
}

bool warn_unlisted_queues(const ls::Request& request, const ls::Listing& listing) {
  const bool wanted =
      std::find(request.kinds.begin(), request.kinds.end(), ObjectKind::mq) != request.kinds.end();
  if (!wanted || listing.mqueue_read) return false;
  say_queues_unlisted(listing.mqueue_problem);
  return true;
}

void warn_uninspectable(const ls::Listing& listing) {
  if (!listing.scan || listing.scan->uninspectable == 0) return;
  if (::geteuid() == 0)
    log::warn(
        "{} of {} processes could not be inspected (reading their maps or descriptors was denied even to "
        "root: a security module or a process of another user namespace); their holds are not shown",
        listing.scan->uninspectable, listing.scan->processes);
  else
    log::warn(
        "{} of {} processes could not be inspected (their maps and descriptors are not yours to read); "
        "their holds are not shown: run as root to see them",
        listing.scan->uninspectable, listing.scan->processes);
}

} // namespace ipcdemo::commands
