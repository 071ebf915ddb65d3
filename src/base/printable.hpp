// SPDX-License-Identifier: MIT
// Names under /dev/shm, the mqueue fs and /proc are hostile input: one may hold
// escape codes that would reprogram the terminal. Tables show them through the one
// escaper (base/escape.hpp: \e, \x9b, \u202e, ...), so that a name reads back
// exactly and a newline cannot forge a row; JSON escapes them its own way.
#pragma once

#include <string>
#include <string_view>

namespace ipcdemo {

std::string printable(std::string_view text);

} // namespace ipcdemo
