// SPDX-License-Identifier: MIT
// `shm dump`: a segment's bytes as `hexdump -C` prints them (16 per line, offsets
// from the start of the segment, repeated lines folded into "*", the end offset on
// a line of its own), or as JSON. Read with pread, never mapped: a segment truncated
// meanwhile ends the dump early instead of raising SIGBUS. The text dump skips the
// segment's holes (SEEK_DATA/SEEK_HOLE) instead of reading their zeros, and any
// dump ends on SIGINT, SIGTERM or SIGHUP between two reads.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace ipcdemo::shm {

// Feed it bytes in pieces of any size; it returns the lines each piece completes.
class HexDump {
 public:
  explicit HexDump(std::uint64_t start) : offset_(start) {}
  std::string feed(std::span<const unsigned char> bytes);
  // The same lines as feeding `count` zero bytes, in time that does not grow with
  // `count`: the zeros of a hole fold into one "*" after at most two lines.
  std::string feed_zeros(std::uint64_t count);
  // The last, partial line and the end offset ("" when nothing was fed).
  std::string finish();

 private:
  std::string line(std::span<const unsigned char> bytes) const;
  std::string emit_full_line();
  bool previous_is_zeros() const;

  std::uint64_t offset_;
  std::vector<unsigned char> pending_;
  std::optional<std::vector<unsigned char>> previous_;
  bool folding_ = false;
  bool any_ = false;
};

// The JSON dump's "extents": the bytes as runs of hex and runs of zeros, so a
// hole (or a long run of zero bytes) is one {"offset":N,"zeros":N} whatever its
// size. Feed it in order; each call returns the JSON text it completes, commas
// included, to be streamed: the dump of a terabyte of holes is a few lines.
class JsonExtents {
 public:
  explicit JsonExtents(std::uint64_t start) : offset_(start) {}
  std::string feed(std::span<const unsigned char> bytes);
  std::string feed_zeros(std::uint64_t count);
  // What is still pending.
  std::string finish();

  // Zero bytes in a row from which they become a "zeros" run, not hex.
  static constexpr std::uint64_t zeros_run = 32;

 private:
  std::string close_hex();
  std::string close_zeros();
  std::string open(std::uint64_t at, std::string_view field);

  std::uint64_t offset_;    // where the next byte fed lies
  bool any_ = false;        // an extent was written: the next needs a comma
  bool in_hex_ = false;     // a hex run's string is open
  std::uint64_t zeros_ = 0; // zero bytes pending (not yet hex or a run)
};

struct DumpRange {
  std::uint64_t offset = 0;
  std::optional<std::uint64_t> length; // to the end when not given
};

// Writes the dump of the segment to stdout (as text or one JSON document).
// Throws UsageError when the offset lies past the end of the segment.
void dump(const std::string& name, const DumpRange& range, bool json);

} // namespace ipcdemo::shm
