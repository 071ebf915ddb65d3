// Names under /dev/shm, the mqueue fs and /proc are hostile input: one may hold
// escape codes that would reprogram the terminal. Tables show them with every
// control character as '?', as ls(1) does on a terminal; JSON escapes them instead.
#pragma once

#include <string>

namespace ipcdemo {

std::string printable(std::string text);

} // namespace ipcdemo
