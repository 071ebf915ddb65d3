// SPDX-License-Identifier: MIT
// What a blocking mq_send or mq_receive is about to wait for, said as `sem wait`
// says it: a silent wait looks like a hang to the person at the terminal.
#pragma once

#include "sys/message_queue.hpp"

#include <time.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ipcdemo::mq {

// How a send or a receive waits on a full or an empty queue: --nonblock (EAGAIN
// at once), --timeout (ETIMEDOUT after that long per message), or until it can;
// either way the first two end with exit 3.
struct Waiting {
  bool nonblock = false;
  std::optional<std::chrono::nanoseconds> timeout;
  std::string timeout_text; // --timeout as given, for the messages

  // O_NONBLOCK for mq_open with --nonblock, else 0.
  int open_flags() const;
  // The --timeout text, or "" when the wait is unbounded: what note_if_* say.
  std::string_view limit() const;
  // The next message's absolute CLOCK_REALTIME deadline, as mq_timed* want it;
  // nothing when the wait is unbounded.
  std::optional<timespec> deadline() const;
};

// Asks the queue (mq_getattr) whether the next send will wait; if so, says at
// info level what for and how to unblock it. Returns whether it said so.
// `limit` is "" or the --timeout text.
bool note_if_full(const sys::Queue& queue, std::string_view name, std::string_view limit);
// The same for a receive on an empty queue.
bool note_if_empty(const sys::Queue& queue, std::string_view name, std::string_view limit);

} // namespace ipcdemo::mq

namespace ipcdemo::mq {

// Says how far a series of sends got when a signal ends it early ("interrupted
// after sending 10 of 11 messages"): a guard, so the loop it watches stays as it is.
class SendProgress {
 public:
  SendProgress(std::string_view name, std::uint64_t count, const std::uint64_t& sent);
  SendProgress(const SendProgress&) = delete;
  SendProgress& operator=(const SendProgress&) = delete;
  SendProgress(SendProgress&&) = delete;
  SendProgress& operator=(SendProgress&&) = delete;
  ~SendProgress();

 private:
  std::string_view name_;
  std::uint64_t count_;
  const std::uint64_t& sent_;
  int exceptions_;
};

} // namespace ipcdemo::mq
