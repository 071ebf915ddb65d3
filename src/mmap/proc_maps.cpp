// SPDX-License-Identifier: MIT
#include "mmap/proc_maps.hpp"

#include "base/escape.hpp"
#include "base/size_text.hpp"

#include <fmt/format.h>

#include <charconv>

namespace ipcdemo::maps {

namespace {

// Takes the next space-separated field off the front of `rest`.
std::string_view next_field(std::string_view& rest) {
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  const auto space = rest.find(' ');
  const std::string_view field = rest.substr(0, space);
  rest.remove_prefix(space == std::string_view::npos ? rest.size() : space);
  return field;
}

template <typename T>
bool parse_number(std::string_view text, T& value, int base) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

// "r-xp": the kernel writes exactly these letters; anything else is not a maps line.
bool valid_perms(std::string_view perms) {
  return perms.size() == 4 && (perms[0] == 'r' || perms[0] == '-') && (perms[1] == 'w' || perms[1] == '-') &&
         (perms[2] == 'x' || perms[2] == '-') && (perms[3] == 'p' || perms[3] == 's');
}

} // namespace

std::optional<Region> parse_line(std::string_view line) {
  Region region;
  std::string_view rest = line;
  const std::string_view range = next_field(rest);
  const auto dash = range.find('-');
  if (dash == std::string_view::npos || !parse_number(range.substr(0, dash), region.start, 16) ||
      !parse_number(range.substr(dash + 1), region.end, 16) || region.end < region.start)
    return std::nullopt;
  region.perms = std::string(next_field(rest));
  if (!valid_perms(region.perms)) return std::nullopt;
  if (!parse_number(next_field(rest), region.offset, 16)) return std::nullopt;
  region.device = std::string(next_field(rest));
  if (!parse_number(next_field(rest), region.inode, 10)) return std::nullopt;
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  region.path = std::string(rest); // may contain spaces, and " (deleted)"
  return region;
}

std::vector<Region> parse(std::string_view text) {
  std::vector<Region> regions;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    if (auto region = parse_line(text.substr(0, newline))) regions.push_back(std::move(*region));
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
  }
  return regions;
}

Kind classify(const Region& region) {
  const std::string_view path = region.path;
  if (path.empty()) return Kind::anonymous;
  if (path == "[heap]") return Kind::heap;
  if (path.starts_with("[stack")) return Kind::stack;
  if (path == "[vdso]") return Kind::vdso;
  if (path.starts_with("[vvar")) return Kind::vvar; // [vvar], [vvar_vclock]
  if (path == "[vsyscall]") return Kind::vsyscall;
  if (path.starts_with("/dev/shm/")) return Kind::shm;
  if (path.starts_with("/")) return Kind::file;
  return Kind::other; // [anon:...], [uprobes], ...
}

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::file: return "file";
    case Kind::shm: return "shm";
    case Kind::anonymous: return "anon";
    case Kind::heap: return "heap";
    case Kind::stack: return "stack";
    case Kind::vdso: return "vdso";
    case Kind::vvar: return "vvar";
    case Kind::vsyscall: return "vsyscall";
    case Kind::other: return "other";
  }
  return "other";
}

bool is_file_backed(Kind kind) { return kind == Kind::file || kind == Kind::shm; }

std::string human_size(std::uint64_t bytes) { return ipcdemo::human_size(bytes); }

std::string format_table(const std::vector<Region>& regions, const std::vector<Marker>& markers) {
  std::string out =
      fmt::format("{:<33} {:>6} {:<5} {:>8} {:<8} {}\n", "ADDRESS", "SIZE", "PERM", "OFFSET", "KIND", "PATH");
  std::uint64_t file_bytes = 0;
  std::uint64_t anon_bytes = 0;
  std::size_t file_count = 0;
  std::size_t anon_count = 0;
  for (const auto& region : regions) {
    const Kind kind = classify(region);
    if (is_file_backed(kind)) {
      file_bytes += region.size();
      ++file_count;
    } else {
      anon_bytes += region.size();
      ++anon_count;
    }
    std::string mark;
    for (const auto& marker : markers)
      if (marker.address >= region.start && marker.address < region.end)
        mark += "  <-- " + escape::visible(marker.label);
    out += fmt::format("{:016x}-{:016x} {:>6} {:<5} {:08x} {:<8} {}{}\n", region.start, region.end,
                       human_size(region.size()), region.perms, region.offset, kind_name(kind),
                       escape::visible(region.path), mark);
  }
  out += fmt::format(
      "{} mappings: {} file-backed ({}), {} anonymous ({}, counting heap, stack, vdso and vvar)\n",
      regions.size(), file_count, human_size(file_bytes), anon_count, human_size(anon_bytes));
  return out;
}

} // namespace ipcdemo::maps
