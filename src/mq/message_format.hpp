// How `mq recv` and `mq notify` show a received message: the screenplay
// consumer's lines (prio, channel, timestamp, value) plus latency, or one JSON
// object per line. A message that is not exactly one sample is shown as text
// when it is printable UTF-8, else as hex. Pure functions, appended to a buffer
// so that the receive loop allocates nothing per message.
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace ipcdemo::mq {

struct ReceivedMessage {
  std::span<const std::byte> bytes;
  unsigned priority = 0;
  std::int64_t received_ns = 0; // CLOCK_REALTIME when mq_receive returned
};

// "prio: 0\nchannel: 7\n..." for one message; `first` false puts a blank line before it.
void append_text(fmt::memory_buffer& out, const ReceivedMessage& message, bool first);
// One JSON object and a newline (JSON Lines).
void append_json(fmt::memory_buffer& out, const ReceivedMessage& message);

// 1700000000123456789 -> "2023-11-14T22:13:20.123456789Z".
std::string iso8601_utc(std::int64_t ns_since_epoch);
// 950 -> "950 ns", 35200 -> "35.2 µs", 1500000 -> "1.5 ms", -2000000 -> "-2.0 ms".
std::string human_duration(std::int64_t ns);
// Valid UTF-8 (base/utf8) without C0 controls other than tab, newline and carriage
// return, nor DEL. C1 and bidi controls may be in it: the text is shown escaped.
bool is_printable_text(std::span<const std::byte> bytes);
// "68 65 6c"
std::string hex_bytes(std::span<const std::byte> bytes, std::string_view separator = " ");

} // namespace ipcdemo::mq
