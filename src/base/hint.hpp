// SPDX-License-Identifier: MIT
// Advice for a failed system call, added in one place instead of a catch block
// per call site: `explained` runs the call, and a SysError it throws comes back
// with the hint `hint_for(errno)` returns. An error that already carries a hint
// keeps it, and an empty hint leaves the error as it was.
#pragma once

#include "base/error.hpp"

#include <string>
#include <utility>

namespace ipcdemo {

template <class Call, class HintFor>
decltype(auto) explained(Call&& call, HintFor&& hint_for) {
  try {
    return std::forward<Call>(call)();
  } catch (const SysError& error) {
    if (!error.hint().empty()) throw;
    std::string hint = hint_for(error.err());
    if (hint.empty()) throw;
    throw SysError(error.call(), error.object(), error.err(), std::move(hint));
  }
}

} // namespace ipcdemo
