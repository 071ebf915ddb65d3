// SPDX-License-Identifier: MIT
// `mq recv`, and the printer that `mq recv` and `mq notify` share.
#pragma once

#include "base/output.hpp"
#include "mq/message_format.hpp"
#include "mq/wait_note.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace ipcdemo::mq {

// Prints received messages (src/mq/message_format.hpp) under the one stdout
// policy (base/output.hpp): each is flushed as it arrives when the receiver waits
// for messages. A received message is gone from the queue: when writing it out
// fails, the error says which message was lost.
class Printer {
 public:
  Printer(bool json, bool waits, Decode decode = Decode::samples);
  void print(std::span<const std::byte> bytes, unsigned priority);
  // Flushes what is still buffered; a failure names the messages it loses.
  void finish();
  std::uint64_t printed() const { return printed_; }

 private:
  bool json_;
  Decode decode_;
  output::Records out_;
  fmt::memory_buffer buffer_; // one message, reused: the loop allocates nothing per message
  std::uint64_t printed_ = 0;
  Unwritten unwritten_; // received, so gone from the queue, but not yet out

  template <class Write>
  void writing(Write&& write);
};

struct ReceiveSettings {
  std::uint64_t count = 1; // 0: until interrupted
  Waiting waiting;         // on a empty queue
  bool json = false;
  bool raw = false; // every message as text or hex, never decoded as a sample
};

// Receives and prints `count` messages, highest priority first.
void receive(const std::string& name, const ReceiveSettings& settings);

} // namespace ipcdemo::mq
