// SPDX-License-Identifier: MIT
// `mq send`: samples (or text) into a queue, one or a paced series.
#pragma once

#include "mq/wait_note.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace ipcdemo::mq {

struct SendSettings {
  unsigned priority = 0;
  std::uint32_t channel = 7;
  double value = 42.0;
  std::uint64_t count = 1; // 0: until interrupted
  std::chrono::nanoseconds interval{0};
  Waiting waiting;                 // on a full queue
  std::optional<std::string> text; // send these bytes instead of a sample
};

// Sends, then logs what was sent; a full queue under --nonblock or --timeout
// throws WouldBlock saying how many went out first.
void send(const std::string& name, const SendSettings& settings);

} // namespace ipcdemo::mq
