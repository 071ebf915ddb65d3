// SPDX-License-Identifier: MIT
#include "mq/send.hpp"
#include "sys/narrate.hpp"

#include "mq/wait_note.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "base/signals.hpp"
#include "base/size_text.hpp"
#include "base/ticker.hpp"
#include "mq/clock.hpp"
#include "mq/queue.hpp"
#include "mq/sample.hpp"

#include <fcntl.h>

#include <cerrno>
#include <span>

namespace ipcdemo::mq {

namespace {

// A message too large for the queue would only fail in mq_send (EMSGSIZE): say so first.
void check_fits(const std::string& name, const SendSettings& settings, const mq_attr& attr) {
  if (settings.text && settings.text->size() > static_cast<std::size_t>(attr.mq_msgsize))
    throw UsageError(
        fmt::format("--text is {}, but the messages of {} hold at most {} (its msgsize)",
                    counted(settings.text->size(), "byte"), name, attr.mq_msgsize),
        "mq_send would fail with EMSGSIZE; shorten it, or use a queue created with a larger --msgsize");
  if (!settings.text && attr.mq_msgsize < static_cast<long>(sample_size))
    throw UsageError(
        fmt::format("a sample is {} bytes, but the messages of {} hold at most {} (its msgsize)", sample_size,
                    name, attr.mq_msgsize),
        "mq_send would fail with EMSGSIZE; send --text, or create a queue with --msgsize 24 or more");
}

} // namespace

void send(const std::string& name, const SendSettings& settings) {
  const sys::Queue queue = open(name, O_WRONLY | settings.waiting.open_flags());
  const mq_attr attr = [&] {
    const narrate::Check check; // ours: does a sample fit, is the queue about to be full?
    return queue.attributes();
  }();
  check_fits(name, settings, attr);

  Ticker ticker(settings.interval);
  std::uint64_t sent = 0;
  const SendProgress progress(name, settings.count, sent);
  bool said_waiting = false;
  for (; settings.count == 0 || sent < settings.count; ++sent) {
    if (sent > 0) ticker.wait();
    signals::throw_if_interrupted();
    SampleBytes sample_bytes{};
    std::span<const std::byte> message;
    if (settings.text) {
      message = std::as_bytes(std::span(settings.text->data(), settings.text->size()));
    } else {
      // The timestamp is taken at each send, as late as possible.
      sample_bytes = encode(
          {.timestamp = realtime_ns(), .value = settings.value, .channel = settings.channel, .reserved = 0});
      message = sample_bytes;
    }
    // A full queue is likely once as many were sent as it had room for.
    if (!settings.waiting.nonblock && !said_waiting &&
        attr.mq_curmsgs + static_cast<long>(sent) >= attr.mq_maxmsg)
      said_waiting = note_if_full(queue, name, settings.waiting.limit());
    const auto deadline = settings.waiting.deadline();
    int err = 0;
    if (!queue.send(message, settings.priority, deadline ? &*deadline : nullptr, &err)) {
      const std::string done = sent > 0 ? fmt::format(" (after sending {})", sent) : std::string();
      if (err == EAGAIN)
        throw WouldBlock(
            fmt::format("mq_send {}: the queue is full ({}) and --nonblock was given (EAGAIN){}", name,
                        counted(static_cast<std::uint64_t>(attr.mq_maxmsg), "message"), done),
            "without --nonblock, mq_send waits until a receiver takes a message");
      throw WouldBlock(fmt::format("mq_timedsend {}: the queue stayed full ({}) for --timeout {} "
                                   "(ETIMEDOUT){}",
                                   name, counted(static_cast<std::uint64_t>(attr.mq_maxmsg), "message"),
                                   settings.waiting.timeout_text, done),
                       "a receiver must take messages: ipcdemo mq recv " + name);
    }
  }
  if (settings.text)
    log::info("sent {} of {} to {} with priority {}", counted(sent, "text message"),
              counted(settings.text->size(), "byte"), name, settings.priority);
  else
    log::info("sent {} (channel {}, value {}) to {} with priority {}", counted(sent, "sample"),
              settings.channel, settings.value, name, settings.priority);
}

} // namespace ipcdemo::mq
