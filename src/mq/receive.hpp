// `mq recv`, and the printer that `mq recv` and `mq notify` share.
#pragma once

#include <fmt/format.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace ipcdemo::mq {

// Prints received messages (src/mq/message_format.hpp). Output goes through one
// buffer; it is flushed after every message when someone may be watching (a
// terminal, a pipe), and only when full when it goes to a file or /dev/null.
class Printer {
 public:
  explicit Printer(bool json);
  Printer(const Printer&) = delete;
  Printer& operator=(const Printer&) = delete;
  // When a signal or an error ends the command, what was received is still
  // handed to stdio, which dispatch flushes before it exits.
  ~Printer();

  void print(std::span<const std::byte> bytes, unsigned priority);
  void flush();
  std::uint64_t printed() const { return printed_; }

 private:
  bool json_;
  bool flush_each_ = true;
  fmt::memory_buffer buffer_;
  std::uint64_t printed_ = 0;
};

struct ReceiveSettings {
  std::uint64_t count = 1;                         // 0: until interrupted
  bool nonblock = false;                           // EAGAIN on an empty queue: exit 3
  std::optional<std::chrono::nanoseconds> timeout; // per message, on an empty queue: exit 3
  std::string timeout_text;                        // --timeout as given, for the message
  bool json = false;
};

// Receives and prints `count` messages, highest priority first.
void receive(const std::string& name, const ReceiveSettings& settings);

} // namespace ipcdemo::mq
