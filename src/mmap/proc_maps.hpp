// SPDX-License-Identifier: MIT
// /proc/PID/maps, parsed and classified: the screenplay's "file mappings vs.
// anonymous". Pure functions over text, so tests can feed them any line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipcdemo::maps {

struct Region {
  std::uintptr_t start = 0;
  std::uintptr_t end = 0;
  std::string perms; // "r-xp"
  std::uint64_t offset = 0;
  std::string device; // "08:01"
  std::uint64_t inode = 0;
  std::string path; // "/usr/lib/libc.so.6", "[heap]", or empty

  std::uint64_t size() const { return end - start; }
};

enum class Kind { file, shm, anonymous, heap, stack, vdso, vvar, vsyscall, other };

std::optional<Region> parse_line(std::string_view line);
std::vector<Region> parse(std::string_view text);
Kind classify(const Region& region);
std::string_view kind_name(Kind kind);
// Whether the kind's pages come from a file (as opposed to anonymous memory).
bool is_file_backed(Kind kind);
// 4096 -> "4K", 1536000 -> "1.5M": the way ls -h writes sizes.
std::string human_size(std::uint64_t bytes);

// A region this command mapped itself, to be marked in the table.
struct Marker {
  std::uintptr_t address;
  std::string label;
};

// The table `mmap maps` prints, followed by a one-line summary.
std::string format_table(const std::vector<Region>& regions, const std::vector<Marker>& markers);

} // namespace ipcdemo::maps
