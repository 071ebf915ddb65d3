#include "mq/message_format.hpp"

#include "base/json.hpp"
#include "base/utf8.hpp"

#include "mq/sample.hpp"
#include "sys/narrate.hpp"

#include <time.h>

#include <climits>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <optional>

namespace ipcdemo::mq {

namespace {

constexpr std::int64_t ns_per_s = 1'000'000'000;

std::string_view as_text(std::span<const std::byte> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// Arrival minus the sample's timestamp; nothing when the sender's timestamp is so
// far off that the difference does not fit (a sender may write any 8 bytes).
std::optional<std::int64_t> latency_ns(const ReceivedMessage& message, const Sample& sample) {
  std::int64_t latency = 0;
  if (__builtin_sub_overflow(message.received_ns, sample.timestamp, &latency)) return std::nullopt;
  return latency;
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
  // Consecutive samples mostly share their second: format the date once per second.
  thread_local std::int64_t cached_seconds = INT64_MIN;
  thread_local std::string cached_prefix;
  if (seconds != cached_seconds) {
    const time_t t = static_cast<time_t>(seconds);
    tm parts{};
    if (gmtime_r(&t, &parts) == nullptr) return fmt::format("@{}", ns);
    cached_prefix = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", parts.tm_year + 1900, parts.tm_mon + 1,
                                parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec);
    cached_seconds = seconds;
  }
  return fmt::format("{}.{:09}Z", cached_prefix, fraction);
}

std::string human_duration(std::int64_t ns) {
  // Integer arithmetic, rounded half up: cheaper than formatting a double, and exact.
  const char* sign = ns < 0 ? "-" : "";
  const std::uint64_t magnitude =
      ns < 0 ? 0 - static_cast<std::uint64_t>(ns) : static_cast<std::uint64_t>(ns);
  const auto fixed = [&](std::uint64_t unit, unsigned decimals, std::string_view name) {
    const std::uint64_t scale = decimals == 1 ? 10 : 100;
    const std::uint64_t step = unit / scale;
    const std::uint64_t value = (magnitude + step / 2) / step; // in units of 1/scale
    return fmt::format("{}{}.{:0{}} {}", sign, value / scale, value % scale, decimals, name);
  };
  constexpr std::uint64_t us = 1'000, ms = 1'000'000, s = 1'000'000'000, h = 3600 * s, day = 24 * h;
  if (magnitude < us) return fmt::format("{}{} ns", sign, magnitude);
  if (magnitude < ms) return fixed(us, 1, "µs");
  if (magnitude < s) return fixed(ms, 1, "ms");
  if (magnitude < h) return fixed(s, 2, "s");
  if (magnitude < 2 * day) return fixed(h, 1, "h");
  return fixed(day, 1, "days");
}

bool is_printable_text(std::span<const std::byte> bytes) {
  const std::string_view text = as_text(bytes);
  for (std::size_t i = 0; i < text.size();) {
    const utf8::Sequence sequence = utf8::decode(text, i);
    if (sequence.length == 0) return false;
    const char32_t c = sequence.code_point;
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return false;
    i += sequence.length;
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

void append_text(fmt::memory_buffer& out, const ReceivedMessage& message, bool first) {
  auto it = std::back_inserter(out);
  if (!first) fmt::format_to(it, "\n");
  fmt::format_to(it, "prio: {}\n", message.priority);
  if (message.bytes.size() == sample_size) {
    const Sample sample = decode(message.bytes.first<sample_size>());
    const auto latency = latency_ns(message, sample);
    fmt::format_to(it, "channel: {}\ntimestamp: {} ({})\nvalue: {}\nlatency: {}\n", sample.channel,
                   iso8601_utc(sample.timestamp), sample.timestamp, sample.value,
                   latency ? human_duration(*latency) : "unknown (the timestamp is out of range)");
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
    const auto latency = latency_ns(message, sample);
    fmt::format_to(it,
                   ",\"channel\":{},\"timestamp\":\"{}\",\"timestamp_ns\":{},\"value\":{},\"latency_ns\":{}",
                   sample.channel, iso8601_utc(sample.timestamp), sample.timestamp, json_number(sample.value),
                   latency ? std::to_string(*latency) : "null");
    if (sample.reserved != 0) fmt::format_to(it, ",\"reserved\":{}", sample.reserved);
  } else if (is_printable_text(message.bytes)) {
    fmt::format_to(it, ",\"text\":{}", json_string(as_text(message.bytes)));
  } else {
    fmt::format_to(it, ",\"hex\":\"{}\"", hex_bytes(message.bytes, ""));
  }
  fmt::format_to(it, "}}\n");
}

} // namespace ipcdemo::mq
