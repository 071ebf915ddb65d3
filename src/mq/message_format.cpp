#include "mq/message_format.hpp"

#include "mq/sample.hpp"
#include "narrate.hpp"

#include <time.h>

#include <cmath>
#include <iterator>

namespace ipcdemo::mq {

namespace {

constexpr std::int64_t ns_per_s = 1'000'000'000;

std::string_view as_text(std::span<const std::byte> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// JSON has no NaN or infinity.
std::string json_number(double value) { return std::isfinite(value) ? fmt::format("{}", value) : "null"; }

} // namespace

std::string iso8601_utc(std::int64_t ns) {
  std::int64_t seconds = ns / ns_per_s;
  std::int64_t fraction = ns % ns_per_s;
  if (fraction < 0) {
    fraction += ns_per_s;
    --seconds;
  }
  const time_t t = static_cast<time_t>(seconds);
  tm parts{};
  if (gmtime_r(&t, &parts) == nullptr) return fmt::format("@{}", ns);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:09}Z", parts.tm_year + 1900, parts.tm_mon + 1,
                     parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec, fraction);
}

std::string human_duration(std::int64_t ns) {
  const char* sign = ns < 0 ? "-" : "";
  const double magnitude = std::fabs(static_cast<double>(ns));
  if (magnitude < 1e3) return fmt::format("{}{} ns", sign, static_cast<long long>(magnitude));
  if (magnitude < 1e6) return fmt::format("{}{:.1f} µs", sign, magnitude / 1e3);
  if (magnitude < 1e9) return fmt::format("{}{:.1f} ms", sign, magnitude / 1e6);
  if (magnitude < 3600e9) return fmt::format("{}{:.2f} s", sign, magnitude / 1e9);
  if (magnitude < 86400e9 * 2) return fmt::format("{}{:.1f} h", sign, magnitude / 3600e9);
  return fmt::format("{}{:.1f} days", sign, magnitude / 86400e9);
}

bool is_printable_text(std::span<const std::byte> bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return false;
      ++i;
      continue;
    }
    std::size_t extra = 0;
    if ((c & 0xe0) == 0xc0 && c >= 0xc2)
      extra = 1;
    else if ((c & 0xf0) == 0xe0)
      extra = 2;
    else if ((c & 0xf8) == 0xf0 && c <= 0xf4)
      extra = 3;
    else
      return false;
    if (i + extra >= bytes.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(bytes[i + k]) & 0xc0) != 0x80) return false;
    i += extra + 1;
  }
  return true;
}

std::string hex_bytes(std::span<const std::byte> bytes, std::string_view separator) {
  std::string out;
  out.reserve(bytes.size() * (2 + separator.size()));
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i > 0) out += separator;
    fmt::format_to(std::back_inserter(out), "{:02x}", static_cast<unsigned>(bytes[i]));
  }
  return out;
}

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(c));
        else
          out += c;
    }
  }
  out += '"';
  return out;
}

void append_text(fmt::memory_buffer& out, const ReceivedMessage& message, bool first) {
  auto it = std::back_inserter(out);
  if (!first) fmt::format_to(it, "\n");
  fmt::format_to(it, "prio: {}\n", message.priority);
  if (message.bytes.size() == sample_size) {
    const Sample sample = decode(message.bytes.first<sample_size>());
    fmt::format_to(it, "channel: {}\ntimestamp: {} ({})\nvalue: {}\nlatency: {}\n", sample.channel,
                   iso8601_utc(sample.timestamp), sample.timestamp, sample.value,
                   human_duration(message.received_ns - sample.timestamp));
    if (sample.reserved != 0)
      fmt::format_to(it, "reserved: {} (should be 0: the sender does not follow the layout)\n",
                     sample.reserved);
    return;
  }
  fmt::format_to(it, "length: {} bytes (not a {}-byte sample)\n", message.bytes.size(), sample_size);
  if (is_printable_text(message.bytes))
    fmt::format_to(it, "text: {}\n", narrate::quoted(as_text(message.bytes)));
  else
    fmt::format_to(it, "hex: {}\n", hex_bytes(message.bytes));
}

void append_json(fmt::memory_buffer& out, const ReceivedMessage& message) {
  auto it = std::back_inserter(out);
  fmt::format_to(it, "{{\"prio\":{},\"length\":{}", message.priority, message.bytes.size());
  if (message.bytes.size() == sample_size) {
    const Sample sample = decode(message.bytes.first<sample_size>());
    fmt::format_to(it,
                   ",\"channel\":{},\"timestamp\":\"{}\",\"timestamp_ns\":{},\"value\":{},\"latency_ns\":{}",
                   sample.channel, iso8601_utc(sample.timestamp), sample.timestamp, json_number(sample.value),
                   message.received_ns - sample.timestamp);
    if (sample.reserved != 0) fmt::format_to(it, ",\"reserved\":{}", sample.reserved);
  } else if (is_printable_text(message.bytes)) {
    fmt::format_to(it, ",\"text\":{}", json_string(as_text(message.bytes)));
  } else {
    fmt::format_to(it, ",\"hex\":\"{}\"", hex_bytes(message.bytes, ""));
  }
  fmt::format_to(it, "}}\n");
}

} // namespace ipcdemo::mq
