// SPDX-License-Identifier: MIT
// Creating a named IPC object, or opening it as it is when it exists, without
// a window in which two processes both believe they created it: O_CREAT|O_EXCL
// first, and on EEXIST a plain open. Should the object vanish between the two
// (ENOENT: someone unlinked it), start again. shm, sem and mq all create this way.
#pragma once

#include "base/error.hpp"
#include "ipc/hints.hpp"

#include <cerrno>
#include <string>

namespace ipcdemo {

template <class Handle>
struct OpenedOrCreated {
  Handle handle;
  bool created = false; // false: an existing object was opened
};

// `create_new` makes the object with O_CREAT|O_EXCL, `open_existing` opens it
// without O_CREAT; both return the handle or throw SysError. With `exclusive`,
// an existing object is an error (EEXIST). Errors carry the hints of the table
// for Operation::create.
template <class CreateNew, class OpenExisting>
auto open_or_create(ObjectKind kind, const std::string& name, bool exclusive, CreateNew&& create_new,
                    OpenExisting&& open_existing) -> OpenedOrCreated<decltype(create_new())> {
  return with_ipc_hint(kind, Operation::create, name, [&]() -> OpenedOrCreated<decltype(create_new())> {
    // Bounded: a neighbour creating and unlinking the name in a tight loop must not hang us.
    for (int attempt = 1;; ++attempt) {
      try {
        return {create_new(), true};
      } catch (const SysError& error) {
        if (error.err() != EEXIST || exclusive) throw;
      }
      try {
        return {open_existing(), false};
      } catch (const SysError& error) {
        if (error.err() != ENOENT || attempt == 100) throw;
      }
    }
  });
}

} // namespace ipcdemo
