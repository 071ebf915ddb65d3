// SPDX-License-Identifier: MIT
#include "base/size_text.hpp"

#include <fmt/format.h>

namespace ipcdemo {

std::string counted(std::uint64_t count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

std::string human_size(std::uint64_t bytes) {
  static constexpr const char* units = "BKMGTPE";
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024 && unit < 6) {
    value /= 1024;
    ++unit;
  }
  if (unit == 0) return fmt::format("{}B", bytes);
  if (value < 10 && value != static_cast<double>(static_cast<std::uint64_t>(value)))
    return fmt::format("{:.1f}{}", value, units[unit]);
  return fmt::format("{:.0f}{}", value, units[unit]);
}

} // namespace ipcdemo
