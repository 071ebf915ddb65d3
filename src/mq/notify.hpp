// SPDX-License-Identifier: MIT
// `mq notify`: mq_notify's rules shown by a process that registers, waits for
// the signal, drains what arrived and registers again.
#pragma once

#include <cstdint>
#include <string>

namespace ipcdemo::mq {

struct NotifySettings {
  std::uint64_t count = 1; // messages to wait for; 0: until interrupted
  bool json = false;
};

void notify(const std::string& name, const NotifySettings& settings);

} // namespace ipcdemo::mq
