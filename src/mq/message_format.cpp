// SPDX-License-Identifier: MIT
#include "mq/message_format.hpp"

#include "base/json.hpp"
#include "base/size_text.hpp"
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
constexpr std::int64_t y2000_s = 946'684'800; // 2000-01-01T00:00:00Z
constexpr std::int64_t day_s = 86'400;

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

std::string describe_loss(const Unwritten& unwritten) {
  if (unwritten.count == 0) return {};
  if (unwritten.count == 1)
    return fmt::format(
        "the message received (prio {}, {} bytes) was taken off the queue and not written out: it is gone",
        unwritten.last_priority, unwritten.last_size);
  return fmt::format(
      "{} messages received were taken off the queue and not written out: they are gone (the last: prio "
      "{}, {} bytes)",
      unwritten.count, unwritten.last_priority, unwritten.last_size);
}

Stamp classify_timestamp(std::int64_t timestamp, std::int64_t received_ns) {
  // received_ns is a real clock reading, so these bounds cannot overflow.
  const std::int64_t received_s = received_ns / ns_per_s;
  const std::int64_t latest_s = received_s + day_s;
  if (timestamp >= y2000_s * ns_per_s && timestamp / ns_per_s <= latest_s) return Stamp::nanoseconds;
  if (timestamp >= y2000_s && timestamp <= latest_s) return Stamp::seconds;
  return Stamp::implausible;
}

std::string sample_doubts(std::span<const std::byte> bytes, std::int64_t received_ns) {
  if (bytes.size() != sample_size) return "it is not 24 bytes long";
  const Sample sample = decode(bytes.first<sample_size>());
  std::string doubts;
  const auto add = [&](const std::string& doubt) {
    if (!doubts.empty()) doubts += "; ";
    doubts += doubt;
  };
  if (sample.reserved != 0) add(fmt::format("reserved is {}, not 0", sample.reserved));
  if (classify_timestamp(sample.timestamp, received_ns) == Stamp::implausible)
    add("the timestamp is not plausible");
  if (!std::isfinite(sample.value)) add("the value is not finite");
  return doubts;
}

namespace {

// The bytes as what they are: text when printable, else hex.
void append_bytes_text(fmt::memory_buffer& out, std::span<const std::byte> bytes) {
  if (is_printable_text(bytes))
    fmt::format_to(std::back_inserter(out), "text: {}\n", narrate::quoted(as_text(bytes)));
  else
    fmt::format_to(std::back_inserter(out), "hex: {}\n", hex_bytes(bytes));
}

void append_bytes_json(fmt::memory_buffer& out, std::span<const std::byte> bytes) {
  if (is_printable_text(bytes))
    fmt::format_to(std::back_inserter(out), ",\"text\":{}", json_string(as_text(bytes)));
  else
    fmt::format_to(std::back_inserter(out), ",\"hex\":\"{}\"", hex_bytes(bytes, ""));
}

const char* const seconds_note =
    "the timestamp counts seconds, not nanoseconds, since the epoch (a sender stamping time(NULL))";

} // namespace

void append_text(fmt::memory_buffer& out, const ReceivedMessage& message, bool first, Decode shown) {
  auto it = std::back_inserter(out);
  if (!first) fmt::format_to(it, "\n");
  fmt::format_to(it, "prio: {}\n", message.priority);
  if (shown == Decode::raw) {
    fmt::format_to(it, "length: {}\n", counted(message.bytes.size(), "byte"));
    append_bytes_text(out, message.bytes);
    return;
  }
  if (message.bytes.size() != sample_size) {
    fmt::format_to(it, "length: {} (not a {}-byte sample)\n", counted(message.bytes.size(), "byte"),
                   sample_size);
    append_bytes_text(out, message.bytes);
    return;
  }
  const std::string doubts = sample_doubts(message.bytes, message.received_ns);
  if (!doubts.empty()) {
    fmt::format_to(it,
                   "length: 24 bytes, but not like a sample: {}\nnote: shown as it is, then decoded as "
                   "a sample only in case it is one\n",
                   doubts);
    append_bytes_text(out, message.bytes);
  }
  const Sample sample = decode(message.bytes.first<sample_size>());
  fmt::format_to(it, "channel: {}\n", sample.channel);
  switch (classify_timestamp(sample.timestamp, message.received_ns)) {
    case Stamp::nanoseconds:
      fmt::format_to(it, "timestamp: {} ({})\nvalue: {}\nlatency: {}\n", iso8601_utc(sample.timestamp),
                     sample.timestamp, sample.value, human_duration(message.received_ns - sample.timestamp));
      break;
    case Stamp::seconds:
      fmt::format_to(it, "timestamp: {} ({} s)\nnote: {}\nvalue: {}\nlatency: {} (to a whole second)\n",
                     iso8601_utc(sample.timestamp * ns_per_s).substr(0, 19) + "Z", sample.timestamp,
                     seconds_note, sample.value,
                     human_duration(message.received_ns - sample.timestamp * ns_per_s));
      break;
    case Stamp::implausible:
      fmt::format_to(it,
                     "timestamp: {} (not plausible as nanoseconds or seconds since the epoch)\nvalue: "
                     "{}\nlatency: timestamp not plausible\n",
                     sample.timestamp, sample.value);
      break;
  }
  if (sample.reserved != 0)
    fmt::format_to(it, "reserved: {} (should be 0: the sender does not follow the layout)\n",
                   sample.reserved);
}

void append_json(fmt::memory_buffer& out, const ReceivedMessage& message, Decode shown) {
  auto it = std::back_inserter(out);
  fmt::format_to(it, "{{\"prio\":{},\"length\":{}", message.priority, message.bytes.size());
  if (shown == Decode::raw || message.bytes.size() != sample_size) {
    append_bytes_json(out, message.bytes);
    fmt::format_to(it, "}}\n");
    return;
  }
  const std::string doubts = sample_doubts(message.bytes, message.received_ns);
  if (!doubts.empty()) {
    fmt::format_to(it, ",\"note\":{}", json_string("not like a sample: " + doubts));
    append_bytes_json(out, message.bytes);
  }
  const Sample sample = decode(message.bytes.first<sample_size>());
  fmt::format_to(it, ",\"channel\":{}", sample.channel);
  switch (classify_timestamp(sample.timestamp, message.received_ns)) {
    case Stamp::nanoseconds:
      fmt::format_to(it, ",\"timestamp\":\"{}\",\"timestamp_ns\":{},\"value\":{},\"latency_ns\":{}",
                     iso8601_utc(sample.timestamp), sample.timestamp, json_number(sample.value),
                     message.received_ns - sample.timestamp);
      break;
    case Stamp::seconds:
      fmt::format_to(it,
                     ",\"timestamp\":\"{}Z\",\"timestamp_s\":{},\"timestamp_note\":{},\"value\":{},"
                     "\"latency_ns\":{}",
                     iso8601_utc(sample.timestamp * ns_per_s).substr(0, 19), sample.timestamp,
                     json_string(seconds_note), json_number(sample.value),
                     message.received_ns - sample.timestamp * ns_per_s);
      break;
    case Stamp::implausible:
      fmt::format_to(it, ",\"timestamp\":null,\"timestamp_raw\":{},\"value\":{},\"latency_ns\":null",
                     sample.timestamp, json_number(sample.value));
      break;
  }
  if (sample.reserved != 0) fmt::format_to(it, ",\"reserved\":{}", sample.reserved);
  fmt::format_to(it, "}}\n");
}

} // namespace ipcdemo::mq
