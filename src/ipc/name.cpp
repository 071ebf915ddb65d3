// SPDX-License-Identifier: MIT
#include "ipc/name.hpp"

#include "base/error.hpp"
#include "base/log.hpp"

#include <climits>

namespace ipcdemo {

namespace {
constexpr std::string_view semaphore_file_prefix = "sem.";

std::string_view kind_label(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::shm: return "shared memory";
    case ObjectKind::sem: return "semaphore";
    case ObjectKind::mq: return "message queue";
    case ObjectKind::none: break;
  }
  return "object";
}
} // namespace

std::string_view default_ipc_name(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::shm: return "/mein-shared-dings";
    case ObjectKind::sem: return "/meine-semaphore";
    case ObjectKind::mq: return "/meine-queue";
    case ObjectKind::none: break;
  }
  return {};
}

std::size_t max_ipc_name_length(ObjectKind kind) {
  // glibc stores a semaphore as /dev/shm/sem.NAME, and the file name is limited to NAME_MAX.
  return kind == ObjectKind::sem ? NAME_MAX - 4 : NAME_MAX;
}

std::string normalize_ipc_name(std::string_view given, ObjectKind kind) {
  const std::string rule = "a name is one path component, optionally with a leading '/': e.g. /demo or demo";
  std::string_view bare = given;
  const bool had_slash = bare.starts_with('/');
  if (had_slash) bare.remove_prefix(1);
  if (given.empty()) throw UsageError(fmt::format("{} name is empty", kind_label(kind)), rule);
  if (bare.empty())
    throw UsageError(fmt::format("{} name '/' has nothing after the slash", kind_label(kind)), rule);
  if (bare.find('/') != std::string_view::npos)
    throw UsageError(
        fmt::format("{} name '{}' contains a '/' after the first character", kind_label(kind), given), rule);
  if (bare == "." || bare == "..")
    throw UsageError(fmt::format("{} name '{}' is not allowed", kind_label(kind), given), rule);
  // glibc keeps semaphore /X in /dev/shm/sem.X, where shm_open("/sem.X") finds it
  // too: a segment of that name would map, resize or unlink someone's semaphore.
  if (kind == ObjectKind::shm && bare.starts_with(semaphore_file_prefix))
    throw UsageError(
        fmt::format("shared memory name '{}' is refused: /dev/shm/{} is the file of semaphore "
                    "'/{}'",
                    given, bare, bare.substr(semaphore_file_prefix.size())),
        "a segment's name cannot start with 'sem.'; to look at the semaphore: ipcdemo sem value /" +
            std::string(bare.substr(semaphore_file_prefix.size())));
  if (bare.size() > max_ipc_name_length(kind))
    throw UsageError(fmt::format("{} name '{}' is {} characters long; at most {} are allowed",
                                 kind_label(kind), given, bare.size(), max_ipc_name_length(kind)));
  // Not "/" + std::string(bare): GCC 12 at -O3 reports a false -Wrestrict there (GCC PR 105651).
  std::string canonical(1, '/');
  canonical += bare;
  if (!had_slash)
    // Said at -v only: before every command that names an object it doubled the output.
    log::debug("{} name '{}' is taken as '{}' (POSIX names start with '/')", kind_label(kind), given,
               canonical);
  return canonical;
}

std::string ipc_object_path(std::string_view canonical_name, ObjectKind kind) {
  const std::string_view bare = canonical_name.substr(1);
  switch (kind) {
    case ObjectKind::shm: return fmt::format("/dev/shm/{}", bare);
    case ObjectKind::sem: return fmt::format("/dev/shm/sem.{}", bare);
    case ObjectKind::mq: return fmt::format("/dev/mqueue/{}", bare);
    case ObjectKind::none: break;
  }
  return std::string(canonical_name);
}

} // namespace ipcdemo
