// What the tour shows of a command's output. Most steps show it whole (or the
// lines a filter names); the long outputs of `mmap maps` and `mq layout` get a
// view of their own that keeps every row the narration promises, narrows the
// maps table to the terminal and stops between the parts of one output.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ipcdemo::tour {

// One line to show; with --pause the screen stops before it when `stop_before`
// names a cue ("[Enter to CUE]").
struct Shown {
  std::string text;
  std::string stop_before;
};

using View = std::vector<Shown> (*)(const std::vector<std::string>& lines);

// A row of `mmap maps`'s table ("START-END SIZE PERM OFFSET KIND PATH  <-- note")
// without the end address, the offset and the kind, and with the leading zeros of
// the start address dropped: "7f733a363000    4K r--p /usr/lib/.../ld-linux...".
// The header row becomes "START  SIZE PERM PATH". Any other line is returned as it is.
std::string narrow_maps_row(std::string_view line);

// `mmap maps --anon SIZE`: the table's header, the marked rows, heap and stack,
// the count of mappings and the legend of p and s.
std::vector<Shown> anon_maps_view(const std::vector<std::string>& lines);

// `mmap maps --exec CMD`: the first view whole (what the kernel mapped), then,
// after a stop, the rows of the second that are new or changed since execve (the
// loader's libraries, the relocated parts made read-only) and what was mapped since.
std::vector<Shown> exec_maps_view(const std::vector<std::string>& lines);

// `mq layout`: the screenplay's struct msg with its table (header included), then,
// after a stop, ipcdemo's sample.
std::vector<Shown> layout_view(const std::vector<std::string>& lines);

} // namespace ipcdemo::tour
