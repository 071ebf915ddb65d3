// SPDX-License-Identifier: MIT
#include "mmap/smaps.hpp"

#include "mmap/proc_maps.hpp"
#include "sys/directory.hpp"

#include <fmt/format.h>

#include <charconv>
#include <sstream>

namespace ipcdemo::maps {

namespace {
// "Private_Dirty:         4 kB" -> 4, when the line starts with `key` + ':'.
std::optional<std::uint64_t> field(std::string_view line, std::string_view key) {
  if (line.size() <= key.size() || line.substr(0, key.size()) != key || line[key.size()] != ':')
    return std::nullopt;
  line.remove_prefix(key.size() + 1);
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  std::uint64_t value = 0;
  if (std::from_chars(line.data(), line.data() + line.size(), value).ec != std::errc()) return std::nullopt;
  return value;
}
} // namespace

std::optional<PageCounts> smaps_entry(std::string_view text, std::uintptr_t address) {
  std::optional<PageCounts> found;
  bool inside = false;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    // An entry starts with its maps row; "Key:   N kB" lines follow it.
    if (const auto region = parse_line(line)) {
      if (inside) break; // the next entry: ours is complete
      inside = region->start <= address && address < region->end;
      if (inside) found = PageCounts{};
      continue;
    }
    if (!inside) continue;
    static constexpr std::pair<std::string_view, std::uint64_t PageCounts::*> fields[] = {
        {"Rss", &PageCounts::rss},
        {"Shared_Clean", &PageCounts::shared_clean},
        {"Shared_Dirty", &PageCounts::shared_dirty},
        {"Private_Clean", &PageCounts::private_clean},
        {"Private_Dirty", &PageCounts::private_dirty},
        {"Anonymous", &PageCounts::anonymous}};
    for (const auto& [key, member] : fields)
      if (const auto value = field(line, key)) (*found).*member = *value;
  }
  return found;
}

std::optional<PageCounts> own_smaps(const void* address) {
  const auto text = sys::read_small_file("/proc/self/smaps");
  if (!text) return std::nullopt;
  return smaps_entry(*text, reinterpret_cast<std::uintptr_t>(address));
}

std::string describe(const PageCounts& counts) {
  std::string text = describe_resident(counts);
  if (counts.anonymous > 0) text += fmt::format(" (Anonymous {} kB)", counts.anonymous);
  return text;
}

std::string describe_resident(const PageCounts& counts) {
  if (counts.rss == 0) return "Rss 0 kB (nothing resident yet)";
  std::string parts;
  const auto add = [&parts](std::string_view key, std::uint64_t value) {
    if (value == 0) return;
    parts += fmt::format("{}{} {} kB", parts.empty() ? "" : " + ", key, value);
  };
  add("Shared_Clean", counts.shared_clean);
  add("Shared_Dirty", counts.shared_dirty);
  add("Private_Clean", counts.private_clean);
  add("Private_Dirty", counts.private_dirty);
  return fmt::format("Rss {} kB = {}", counts.rss, parts);
}

} // namespace ipcdemo::maps
