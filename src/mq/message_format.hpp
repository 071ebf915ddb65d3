// SPDX-License-Identifier: MIT
// How `mq recv` and `mq notify` show a received message: the screenplay
// consumer's lines (prio, channel, timestamp, value) plus latency, or one JSON
// object per line. A message that is not exactly one sample is shown as text
// when it is printable UTF-8, else as hex. A message of a sample's size that
// does not look like one (see check_sample) is shown decoded AND as text or hex,
// with a note: the tool never presents foreign bytes as a measurement.
// Pure functions, appended to a buffer so that the receive loop allocates
// nothing per message.
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

// Raw: every message as text or hex only, never decoded (mq recv --raw).
enum class Decode { samples, raw };

// "prio: 0\nchannel: 7\n..." for one message; `first` false puts a blank line before it.
void append_text(fmt::memory_buffer& out, const ReceivedMessage& message, bool first,
                 Decode decode = Decode::samples);
// One JSON object and a newline (JSON Lines).
void append_json(fmt::memory_buffer& out, const ReceivedMessage& message, Decode decode = Decode::samples);

// Messages received (and so taken off the queue) but not yet written out.
struct Unwritten {
  std::uint64_t count = 0;
  unsigned last_priority = 0;
  std::size_t last_size = 0;
  void add(unsigned priority, std::size_t size) {
    ++count;
    last_priority = priority;
    last_size = size;
  }
};
// "the message received (prio 3, 24 bytes) was taken off the queue and is gone"
std::string describe_loss(const Unwritten& unwritten);

// What a sample's timestamp field holds, judged against the time it was received:
// plausible as nanoseconds since the epoch (the layout), as seconds (a sender that
// stamps time(NULL), like the screenplay's producer), or neither. Plausible means
// from 2000-01-01 up to one day after the receive.
enum class Stamp { nanoseconds, seconds, implausible };
Stamp classify_timestamp(std::int64_t timestamp, std::int64_t received_ns);

// Why 24 bytes do not look like a sample: "" when they do, else the reasons
// ("reserved is 5, not 0; the value is not finite; the timestamp is not plausible").
std::string sample_doubts(std::span<const std::byte> bytes, std::int64_t received_ns);

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
