// SPDX-License-Identifier: MIT
// One mapping's page accounting from /proc/self/smaps: where copy-on-write shows.
// A page is "Shared" while more than one mapping maps it, "Private" when only one
// does; "Dirty" once written. Writing into a MAP_PRIVATE file mapping turns its
// page from the file's (Shared_Clean, when another mapping has it too) into an
// anonymous copy of our own (Private_Dirty, Anonymous).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ipcdemo::maps {

struct PageCounts { // all in kB, as smaps writes them
  std::uint64_t rss = 0;
  std::uint64_t shared_clean = 0;
  std::uint64_t shared_dirty = 0;
  std::uint64_t private_clean = 0;
  std::uint64_t private_dirty = 0;
  std::uint64_t anonymous = 0;
};

// The entry of smaps `text` whose address range holds `address`; nullopt if none.
std::optional<PageCounts> smaps_entry(std::string_view text, std::uintptr_t address);
// The same from this process's /proc/self/smaps.
std::optional<PageCounts> own_smaps(const void* address);
// "Rss 4 kB = Shared_Clean 4 kB" or "Rss 4 kB = Private_Dirty 4 kB (Anonymous 4 kB)":
// the non-zero counts only; "nothing resident" when Rss is 0.
std::string describe(const PageCounts& counts);
// The same without the Anonymous part: "Rss 4 kB = Private_Dirty 4 kB".
std::string describe_resident(const PageCounts& counts);

} // namespace ipcdemo::maps
