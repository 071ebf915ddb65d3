// SPDX-License-Identifier: MIT
#include "mmap/legend.hpp"

#include <fmt/format.h>

namespace ipcdemo::maps {

std::string legend(const std::vector<Region>& regions) {
  std::string out =
      "PERM: r read, w write, x execute (- where not allowed), then\n"
      "      p private: MAP_PRIVATE, writes go to a copy of the page that only this process sees\n"
      "      s shared:  MAP_SHARED, writes go to the file (or segment) and every process mapping it\n";
  for (const auto& region : regions) {
    if (region.perms.size() == 4 && region.perms[1] == 'w' && region.perms[3] == 'p' &&
        classify(region) == Kind::file) {
      out += fmt::format(
          "A writable private file mapping is copy-on-write: {} {} starts as the file's\n"
          "pages and a page becomes anonymous memory of this process when first written\n"
          "(see: ipcdemo mmap cow).\n",
          region.perms, region.path);
      break;
    }
  }
  return out;
}

} // namespace ipcdemo::maps
