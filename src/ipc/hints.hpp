// SPDX-License-Identifier: MIT
// What to tell a student when an operation on a named IPC object fails: one
// table, errno -> hint per kind of object and operation (src/ipc/hints.cpp).
#pragma once

#include "base/hint.hpp"
#include "ipc/kind.hpp"

#include <string>
#include <string_view>

namespace ipcdemo {

enum class Operation {
  open_read,  // opening an existing object to read or receive
  open_write, // ... to write, send, wait or post
  create,     // creating it, or opening it as it is when it exists
  unlink,
};

// The hint for `err` from `operation` on the object `name`; empty when the table has none.
std::string ipc_hint(ObjectKind kind, Operation operation, int err, std::string_view name);

// Runs `call`, adding the table's hint to a SysError it throws.
template <class Call>
decltype(auto) with_ipc_hint(ObjectKind kind, Operation operation, std::string_view name, Call&& call) {
  return explained(std::forward<Call>(call), [&](int err) { return ipc_hint(kind, operation, err, name); });
}

} // namespace ipcdemo
