// The C program of `mmap cat` (--show-c): the screenplay's first program, for
// each file given.
#pragma once

#include <string>
#include <vector>

namespace ipcdemo::showc {

struct MmapCat {
  std::vector<std::string> files; // "-" is standard input
};

std::string mmap_cat_program(const MmapCat& settings);

} // namespace ipcdemo::showc
