// SPDX-License-Identifier: MIT
// The message decoder of src/mq (message_format, sample.hpp): any bytes that
// arrive on a queue are shown as a sample, as escaped text or as hex, and the
// JSON line is valid UTF-8 with nothing raw in it but its final newline.
#include "check.hpp"

#include "mq/message_format.hpp"
#include "mq/sample.hpp"

#include <algorithm>
#include <cstring>

using namespace ipcdemo;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The first 12 bytes, when there are that many, choose the priority and the
  // arrival time (latencies and timestamps of every size); the rest is the message.
  std::uint32_t priority = 0;
  std::int64_t received_ns = 0;
  if (size >= 12) {
    std::memcpy(&priority, data, sizeof priority);
    std::memcpy(&received_ns, data + 4, sizeof received_ns);
    data += 12;
    size -= 12;
  }
  const mq::ReceivedMessage message{std::as_bytes(std::span(data, size)), priority, received_ns};
  fmt::memory_buffer text;
  mq::append_text(text, message, false);
  const std::string_view shown(text.data(), text.size());
  fuzz::require(fuzz::terminal_safe(shown, true), "text output holds no raw control character");

  fmt::memory_buffer json;
  mq::append_json(json, message);
  const std::string_view line(json.data(), json.size());
  fuzz::require(line.ends_with("}\n") && line.starts_with("{\"prio\":"), "one JSON object per line");
  fuzz::require(fuzz::terminal_safe(line.substr(0, line.size() - 1)), "JSON: valid UTF-8, no raw control");
  fuzz::require(std::count(line.begin(), line.end(), '\n') == 1, "JSON: one line");
  return 0;
}
