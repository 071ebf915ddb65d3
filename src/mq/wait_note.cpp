// SPDX-License-Identifier: MIT
#include "mq/wait_note.hpp"
#include "sys/narrate.hpp"

#include "base/log.hpp"
#include "base/signals.hpp"
#include "base/size_text.hpp"
#include "mq/clock.hpp"

#include <fcntl.h>

#include <exception>

#include <string>

namespace ipcdemo::mq {

namespace {
std::string how_long(std::string_view limit) {
  return limit.empty() ? std::string("; Ctrl-C stops") : " for at most " + std::string(limit);
}
} // namespace

int Waiting::open_flags() const { return nonblock ? O_NONBLOCK : 0; }

std::string_view Waiting::limit() const {
  return timeout ? std::string_view(timeout_text) : std::string_view();
}

std::optional<timespec> Waiting::deadline() const {
  if (!timeout) return std::nullopt;
  return deadline_after(*timeout);
}

bool note_if_full(const sys::Queue& queue, std::string_view name, std::string_view limit) {
  const mq_attr attr = [&] {
    const narrate::Check check; // ours: is it full, to say why we wait?
    return queue.attributes();
  }();
  if (attr.mq_curmsgs < attr.mq_maxmsg) return false;
  log::info("message queue {} is full ({}): waiting until a receiver takes one (ipcdemo mq recv {}){}", name,
            counted(static_cast<std::uint64_t>(attr.mq_curmsgs), "message"), name, how_long(limit));
  return true;
}

bool note_if_empty(const sys::Queue& queue, std::string_view name, std::string_view limit) {
  const mq_attr attr = [&] {
    const narrate::Check check; // ours: is it empty, to say why we wait?
    return queue.attributes();
  }();
  if (attr.mq_curmsgs > 0) return false;
  log::info("message queue {} is empty: waiting until someone sends (ipcdemo mq send {}){}", name, name,
            how_long(limit));
  return true;
}

SendProgress::SendProgress(std::string_view name, std::uint64_t count, const std::uint64_t& sent)
    : name_(name), count_(count), sent_(sent), exceptions_(std::uncaught_exceptions()) {}

SendProgress::~SendProgress() {
  // Only when a signal unwinds the loop; errors say how far they got themselves.
  if (std::uncaught_exceptions() <= exceptions_ || signals::pending() == 0) return;
  const std::string of = count_ > 0 ? " of " + std::to_string(count_) : std::string();
  log::info("interrupted after sending {}{} message{} to {}", sent_, of, sent_ == 1 && count_ <= 1 ? "" : "s",
            name_);
}

} // namespace ipcdemo::mq
