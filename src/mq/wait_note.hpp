// What a blocking mq_send or mq_receive is about to wait for, said as `sem wait`
// says it: a silent wait looks like a hang to the person at the terminal.
#pragma once

#include "sys/message_queue.hpp"

#include <cstdint>
#include <string_view>

namespace ipcdemo::mq {

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
