// SPDX-License-Identifier: MIT
// The /proc/PID/maps parser of src/mmap: any text parses into regions without
// crashing, and the table shows one row per region whatever a path holds.
#include "check.hpp"

#include "mmap/proc_maps.hpp"

#include <algorithm>

using namespace ipcdemo;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::text_of(data, size);
  const auto regions = maps::parse(text);
  for (const auto& region : regions) {
    fuzz::require(region.start <= region.end, "a region does not end before it starts");
    fuzz::require(region.perms.size() == 4, "four permission letters");
    fuzz::require(region.path.find('\n') == std::string::npos, "one line per region");
    (void)maps::kind_name(maps::classify(region));
  }
  std::vector<maps::Marker> markers;
  if (!regions.empty()) markers.push_back({regions.front().start, std::string(text.substr(0, 16))});
  const std::string table = maps::format_table(regions, markers);
  fuzz::require(fuzz::terminal_safe(table, true), "the table holds no raw control character");
  fuzz::require(static_cast<std::size_t>(std::count(table.begin(), table.end(), '\n')) == regions.size() + 2,
                "header, one row per region, summary");
  return 0;
}
