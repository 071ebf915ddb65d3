// Sizes for people: 4096 -> "4K", 1536000 -> "1.5M", the way ls -h writes them.
#pragma once

#include <cstdint>
#include <string>

namespace ipcdemo {

std::string human_size(std::uint64_t bytes);

} // namespace ipcdemo
