// SPDX-License-Identifier: MIT
// The key to a /proc/PID/maps table, so that a student can read it: the four
// permission letters, and what "p" means for a writable file mapping.
#pragma once

#include "mmap/proc_maps.hpp"

#include <string>
#include <vector>

namespace ipcdemo::maps {

// The legend, with an example row from `regions` for the copy-on-write note when
// there is a writable private file mapping among them.
std::string legend(const std::vector<Region>& regions);

} // namespace ipcdemo::maps
