// SPDX-License-Identifier: MIT
// Sizes and counts for people: 4096 -> "4K", 1536000 -> "1.5M", the way ls -h
// writes them; 1 -> "1 byte", 2 -> "2 bytes".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ipcdemo {

std::string human_size(std::uint64_t bytes);

// "1 byte", "0 bytes", "24 bytes": the count and the noun, plural unless one.
std::string counted(std::uint64_t count, std::string_view noun);

} // namespace ipcdemo
