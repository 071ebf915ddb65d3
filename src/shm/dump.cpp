#include "shm/dump.hpp"

#include "base/error.hpp"
#include "base/json.hpp"
#include "ipc/name.hpp"
#include "shm/segment.hpp"

#include <fcntl.h>

#include <fmt/format.h>

#include <algorithm>
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
  for (const unsigned char byte : bytes) {
    pending_.push_back(byte);
    if (pending_.size() == per_line) out += emit_full_line();
  }
  return out;
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

void dump(const std::string& name, const DumpRange& range, bool json) {
  // shm::open refuses a planted FIFO without blocking (O_NONBLOCK) or anything not a file.
  const Opened opened = shm::open(name, O_RDONLY);
  const sys::Fd& fd = opened.fd;
  const auto size = static_cast<std::uint64_t>(opened.status.st_size);
  if (range.offset > size)
    throw UsageError(fmt::format("--offset {}: {} has only {} bytes", range.offset, name, size));
  const std::uint64_t end = range.length ? std::min(size, range.offset + *range.length) : size;
  HexDump text(range.offset);
  // JSON is streamed too: a segment may be larger than we want to hold twice over.
  if (json)
    fmt::print("{{\"name\":{},\"size\":{},\"offset\":{},\"hex\":\"", json_string(name), size, range.offset);
  std::vector<unsigned char> buffer(std::size_t{64} * 1024);
  std::uint64_t at = range.offset;
  while (at < end) {
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), end - at));
    const std::size_t got = sys::pread(fd.get(), ipc_object_path(name, ObjectKind::shm), buffer.data(), want,
                                       static_cast<off_t>(at));
    if (got == 0) break; // truncated meanwhile: what is left is gone
    const std::span<const unsigned char> bytes(buffer.data(), got);
    if (json) {
      std::string hex;
      hex.reserve(2 * bytes.size());
      for (const unsigned char byte : bytes) {
        hex += "0123456789abcdef"[byte >> 4];
        hex += "0123456789abcdef"[byte & 0xf];
      }
      fmt::print("{}", hex);
    } else {
      fmt::print("{}", text.feed(bytes));
    }
    at += got;
  }
  if (json)
    fmt::print("\",\"length\":{}}}\n", at - range.offset);
  else
    fmt::print("{}", text.finish());
}

} // namespace ipcdemo::shm
