// SPDX-License-Identifier: MIT
#include "mq/receive.hpp"
#include "sys/narrate.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "mq/clock.hpp"
#include "mq/message_format.hpp"
#include "mq/queue.hpp"
#include "mq/wait_note.hpp"

#include <fcntl.h>

#include <cerrno>
#include <vector>

namespace ipcdemo::mq {

Printer::Printer(bool json, bool waits, Decode decode) : json_(json), decode_(decode), out_(waits) {}

void Printer::print(std::span<const std::byte> bytes, unsigned priority) {
  const ReceivedMessage message{bytes, priority, realtime_ns()};
  buffer_.clear();
  if (json_)
    append_json(buffer_, message, decode_);
  else
    append_text(buffer_, message, printed_ == 0, decode_);
  ++printed_;
  unwritten_.add(priority, bytes.size());
  writing([&] { out_.put({buffer_.data(), buffer_.size()}); });
  if (out_.flushes_each()) unwritten_ = {};
}

void Printer::finish() {
  writing([] { output::finish(); });
  unwritten_ = {};
}

template <class Write>
void Printer::writing(Write&& write) {
  try {
    write();
  } catch (const SysError& error) {
    throw SysError(error.call(), error.object(), error.err(), describe_loss(unwritten_));
  } catch (const BrokenPipe&) {
    if (unwritten_.count > 0) log::info("standard output closed: {}", describe_loss(unwritten_));
    throw;
  }
}

void receive(const std::string& name, const ReceiveSettings& settings) {
  const sys::Queue queue = open(name, O_RDONLY | settings.waiting.open_flags());
  // The buffer must hold the queue's msgsize, whatever the messages are: a smaller
  // one makes mq_receive fail with EMSGSIZE even for a short message.
  const mq_attr attr = [&] {
    const narrate::Check check; // ours: the screenplay's buffer is sizeof(msg), which is msgsize
    return queue.attributes();
  }();
  std::vector<std::byte> buffer(static_cast<std::size_t>(attr.mq_msgsize));
  Printer printer(settings.json, !settings.waiting.nonblock, settings.raw ? Decode::raw : Decode::samples);
  bool said_waiting = false;
  for (std::uint64_t received = 0; settings.count == 0 || received < settings.count; ++received) {
    // An empty queue is likely once as many were received as it held.
    if (!settings.waiting.nonblock && !said_waiting && attr.mq_curmsgs <= static_cast<long>(received)) {
      printer.finish(); // what was received is out before we say we wait
      said_waiting = note_if_empty(queue, name, settings.waiting.limit());
    }
    const auto deadline = settings.waiting.deadline();
    int err = 0;
    const auto got = queue.receive(buffer, deadline ? &*deadline : nullptr, &err);
    if (!got) {
      printer.finish();
      const std::string done = received > 0 ? fmt::format(" (after receiving {})", received) : std::string();
      if (err == EAGAIN)
        throw WouldBlock(
            fmt::format("mq_receive {}: the queue is empty and --nonblock was given (EAGAIN){}", name, done),
            "without --nonblock, mq_receive waits until a message arrives");
      throw WouldBlock(fmt::format("mq_timedreceive {}: no message arrived within --timeout {} (ETIMEDOUT){}",
                                   name, settings.waiting.timeout_text, done),
                       "a sender must send one: ipcdemo mq send " + name);
    }
    printer.print(std::span(buffer).first(got->length), got->priority);
  }
  printer.finish();
}

} // namespace ipcdemo::mq
