// SPDX-License-Identifier: MIT
#include "shm/dump.hpp"

#include "base/error.hpp"
#include "base/json.hpp"
#include "base/signals.hpp"
#include "ipc/name.hpp"
#include "shm/segment.hpp"
#include "sys/fd.hpp"
#include "sys/seek.hpp"

#include <fcntl.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>

namespace ipcdemo::shm {

namespace {
constexpr std::size_t per_line = 16;
} // namespace

std::string HexDump::line(std::span<const unsigned char> bytes) const {
  std::string out = fmt::format("{:08x}  ", offset_);
  for (std::size_t i = 0; i < per_line; ++i) {
    out += i < bytes.size() ? fmt::format("{:02x} ", bytes[i]) : "   ";
    if (i == 7) out += ' ';
  }
  out += " |";
  for (const unsigned char byte : bytes) out += byte >= 0x20 && byte < 0x7f ? static_cast<char>(byte) : '.';
  return out + "|\n";
}

std::string HexDump::emit_full_line() {
  std::string out;
  if (previous_ && *previous_ == pending_) {
    if (!folding_) out = "*\n"; // hexdump folds a run of identical lines into one star
    folding_ = true;
  } else {
    out = line(pending_);
    folding_ = false;
    previous_ = pending_;
  }
  offset_ += per_line;
  pending_.clear();
  return out;
}

std::string HexDump::feed(std::span<const unsigned char> bytes) {
  std::string out;
  if (!bytes.empty()) any_ = true;
  while (!bytes.empty()) {
    const std::size_t take = std::min(per_line - pending_.size(), bytes.size());
    pending_.insert(pending_.end(), bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(take));
    bytes = bytes.subspan(take);
    if (pending_.size() == per_line) out += emit_full_line();
  }
  return out;
}

bool HexDump::previous_is_zeros() const {
  return previous_ &&
         std::all_of(previous_->begin(), previous_->end(), [](unsigned char b) { return b == 0; });
}

std::string HexDump::feed_zeros(std::uint64_t count) {
  static constexpr std::array<unsigned char, per_line> zeros{};
  std::string out;
  // Byte by byte until a whole line of zeros has been printed (at most two lines):
  // from then on every whole line of zeros is a repeat, folded into the star.
  while (count > 0 && (!pending_.empty() || !previous_is_zeros())) {
    const std::size_t take =
        static_cast<std::size_t>(std::min<std::uint64_t>(count, per_line - pending_.size()));
    out += feed(std::span(zeros).first(take));
    count -= take;
  }
  const std::uint64_t whole = count / per_line * per_line;
  if (whole > 0) {
    if (!folding_) out += "*\n";
    folding_ = true;
    offset_ += whole;
    count -= whole;
  }
  return out + feed(std::span(zeros).first(static_cast<std::size_t>(count)));
}

std::string HexDump::finish() {
  if (!any_) return "";
  std::string out;
  if (!pending_.empty()) {
    out = line(pending_); // a short last line is never folded (hexdump does the same)
    offset_ += pending_.size();
    pending_.clear();
  }
  return out + fmt::format("{:08x}\n", offset_);
}

std::string JsonExtents::open(std::uint64_t at, std::string_view field) {
  std::string out = fmt::format("{}{{\"offset\":{},\"{}\":", any_ ? "," : "", at, field);
  any_ = true;
  return out;
}

std::string JsonExtents::close_hex() {
  if (!in_hex_) return {};
  in_hex_ = false;
  return "\"}";
}

// Pending zeros: a run of their own when long enough, else more hex.
std::string JsonExtents::close_zeros() {
  if (zeros_ == 0) return {};
  const std::uint64_t start = offset_ - zeros_;
  std::string out;
  if (zeros_ >= zeros_run) {
    out = close_hex() + open(start, "zeros") + fmt::format("{}}}", zeros_);
  } else {
    if (!in_hex_) out = open(start, "hex") + "\"";
    in_hex_ = true;
    out.append(2 * zeros_, '0');
  }
  zeros_ = 0;
  return out;
}

std::string JsonExtents::feed(std::span<const unsigned char> bytes) {
  std::string out;
  for (const unsigned char byte : bytes) {
    if (byte == 0) {
      ++offset_;
      ++zeros_;
      continue;
    }
    out += close_zeros();
    if (!in_hex_) {
      out += open(offset_, "hex") + "\"";
      in_hex_ = true;
    }
    out += "0123456789abcdef"[byte >> 4];
    out += "0123456789abcdef"[byte & 0xf];
    ++offset_;
  }
  return out;
}

std::string JsonExtents::feed_zeros(std::uint64_t count) {
  offset_ += count;
  zeros_ += count;
  return {};
}

std::string JsonExtents::finish() {
  std::string out = close_zeros();
  return out + close_hex();
}

void dump(const std::string& name, const DumpRange& range, bool json) {
  // shm::open refuses a planted FIFO without blocking (O_NONBLOCK) or anything not a file.
  const Opened opened = shm::open(name, O_RDONLY);
  const sys::Fd& fd = opened.fd;
  const auto size = static_cast<std::uint64_t>(opened.status.st_size);
  if (range.offset > size)
    throw UsageError(fmt::format("--offset {}: {} has only {} bytes", range.offset, name, size));
  // offset + length may pass 2^64 (--length 18446744073709551615): compare what is left instead.
  const std::uint64_t end =
      range.length && *range.length < size - range.offset ? range.offset + *range.length : size;
  HexDump text(range.offset);
  JsonExtents extents(range.offset);
  // JSON is streamed too: a segment may be larger than we want to hold twice over.
  if (json)
    fmt::print("{{\"name\":{},\"size\":{},\"offset\":{},\"extents\":[", json_string(name), size,
               range.offset);
  std::vector<unsigned char> buffer(std::size_t{64} * 1024);
  const std::string path = ipc_object_path(name, ObjectKind::shm); // for errors
  std::uint64_t at = range.offset;
  std::uint64_t data_end = at; // where the run of data found last ends (a hole or EOF)
  while (at < end) {
    signals::throw_if_interrupted(); // reads of a file never block, so no EINTR says so
    if (at >= data_end) {
      const std::optional<off_t> data = sys::seek_data(fd, static_cast<off_t>(at));
      const std::uint64_t data_at = data ? static_cast<std::uint64_t>(*data) : end;
      if (data_at > at) {
        // Zeros up to the data, or to the end; but not past a truncation meanwhile.
        const auto now = static_cast<std::uint64_t>(sys::fstat(fd).st_size);
        const std::uint64_t zeros_to = std::min({data_at, end, now});
        if (zeros_to <= at) break; // truncated meanwhile: what is left is gone
        fmt::print("{}", json ? extents.feed_zeros(zeros_to - at) : text.feed_zeros(zeros_to - at));
        at = zeros_to;
        if (at >= end) break;
        if (at != data_at) continue; // truncated meanwhile: the next lseek says how far
      }
      const std::optional<off_t> hole = sys::seek_hole(fd, static_cast<off_t>(at));
      if (!hole) break; // truncated meanwhile
      data_end = static_cast<std::uint64_t>(*hole);
    }
    const std::uint64_t want = std::min<std::uint64_t>({buffer.size(), end - at, data_end - at});
    const std::size_t got =
        sys::pread(fd.get(), path, buffer.data(), static_cast<std::size_t>(want), static_cast<off_t>(at));
    if (got == 0) break; // truncated meanwhile: what is left is gone
    const std::span<const unsigned char> bytes(buffer.data(), got);
    fmt::print("{}", json ? extents.feed(bytes) : text.feed(bytes));
    at += got;
  }
  if (json)
    fmt::print("{}],\"length\":{}}}\n", extents.finish(), at - range.offset);
  else
    fmt::print("{}", text.finish());
}

} // namespace ipcdemo::shm
