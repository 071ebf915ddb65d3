// SPDX-License-Identifier: MIT
#include "shm/number_lines.hpp"

#include <charconv>

namespace ipcdemo::shm {

void NumberLines::put(std::uint64_t value) {
  char line[24];
  const auto end = std::to_chars(line, line + sizeof line - 1, value).ptr;
  *end = '\n';
  out_.put({line, static_cast<std::size_t>(end + 1 - line)});
}

} // namespace ipcdemo::shm
