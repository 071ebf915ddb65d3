// SPDX-License-Identifier: MIT
// The name validator of src/ipc/name: an accepted name is one path component
// after one slash, within NAME_MAX, reaches no other kind's file, and is
// canonical (normalising it again changes nothing); everything else is a UsageError.
#include "check.hpp"

#include "base/error.hpp"
#include "ipc/name.hpp"

using namespace ipcdemo;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::quiet();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view given = fuzz::text_of(data, size);
  for (const ObjectKind kind : {ObjectKind::shm, ObjectKind::sem, ObjectKind::mq}) {
    std::string name;
    try {
      name = normalize_ipc_name(given, kind);
    } catch (const UsageError& error) {
      fuzz::require(fuzz::terminal_safe(error.line()), "the refusal is shown escaped");
      continue;
    }
    const std::string_view bare = std::string_view(name).substr(1);
    fuzz::require(name.starts_with('/'), "canonical names start with '/'");
    fuzz::require(!bare.empty() && bare.find('/') == std::string_view::npos, "one path component");
    fuzz::require(bare != "." && bare != "..", "not . or ..");
    fuzz::require(bare.size() <= max_ipc_name_length(kind), "within NAME_MAX");
    fuzz::require(kind != ObjectKind::shm || !bare.starts_with("sem."),
                  "a segment never reaches a semaphore");
    fuzz::require(normalize_ipc_name(name, kind) == name, "canonical names stay as they are");
    const std::string_view directory = kind == ObjectKind::shm   ? "/dev/shm/"
                                       : kind == ObjectKind::sem ? "/dev/shm/sem."
                                                                 : "/dev/mqueue/";
    fuzz::require(ipc_object_path(name, kind) == std::string(directory) + std::string(bare),
                  "the file is the name in its kind's directory");
  }
  return 0;
}
