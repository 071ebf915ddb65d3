// The C programs of `mq create`, `mq send` and `mq recv` (--show-c): samples in
// ipcdemo's 24-byte layout (mq/sample.hpp), so that they and ipcdemo's commands
// exchange messages.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace ipcdemo::showc {

struct MqCreate {
  std::string name; // canonical: "/x"
  std::uint64_t maxmsg = 10;
  std::uint64_t msgsize = 24;
  unsigned mode = 0600;
  bool exclusive = false;
};

// How a send or receive waits: blocking, never (O_NONBLOCK), or up to a timeout per message.
struct MqWaiting {
  bool nonblock = false;
  std::optional<std::chrono::nanoseconds> timeout;
};

struct MqSend {
  std::string name;
  std::uint32_t channel = 7;
  double value = 42.0;
  unsigned priority = 0;
  std::uint64_t count = 1; // 0: until interrupted
  std::chrono::nanoseconds interval{0};
  MqWaiting waiting;
  std::optional<std::string> text; // the bytes of a text instead of a sample
};

struct MqReceive {
  std::string name;
  std::uint64_t count = 1; // 0: until interrupted
  MqWaiting waiting;
  bool json = false;
  bool raw = false;
};

std::string mq_create_program(const MqCreate& settings);
std::string mq_send_program(const MqSend& settings);
std::string mq_receive_program(const MqReceive& settings);

} // namespace ipcdemo::showc
