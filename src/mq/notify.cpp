// SPDX-License-Identifier: MIT
#include "mq/notify.hpp"

#include "sys/directory.hpp"
#include "sys/signal_wait.hpp"

#include "base/error.hpp"
#include "base/hint.hpp"
#include "base/log.hpp"
#include "base/signals.hpp"
#include "base/size_text.hpp"
#include "ipc/mqueue_fs.hpp"
#include "mq/queue.hpp"
#include "mq/receive.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>

#include <fmt/format.h>

#include <cerrno>
#include <vector>

namespace ipcdemo::mq {

namespace {

std::string process_name(pid_t pid) {
  std::string comm = sys::read_small_file(fmt::format("/proc/{}/comm", pid), nullptr, 64).value_or("");
  if (const auto end = comm.find('\n'); end != std::string::npos) comm.resize(end);
  return comm.empty() ? std::string() : fmt::format(" ({})", comm);
}

// Who holds the notification registration, for the EBUSY hint.
std::string busy_hint(const std::string& name) {
  std::string rule =
      "only one process per queue can be registered; it stays registered until it is "
      "notified, deregisters or closes the queue";
  const auto mount = mqueue_mount_point();
  if (!mount)
    return fmt::format("{}; to see which process holds it, mount the mqueue file system (as root): {}", rule,
                       mount_command);
  const auto file = read_queue_file(*mount, name);
  if (!file || !file->notify_pid || *file->notify_pid == 0) return rule;
  return fmt::format("process {}{} is registered (NOTIFY_PID in {}{}); {}", *file->notify_pid,
                     process_name(*file->notify_pid), *mount, name, rule);
}

void register_notification(const sys::Queue& queue, const sigevent& event) {
  explained([&] { queue.notify(&event); },
            [&](int err) { return err == EBUSY ? busy_hint(queue.name()) : std::string(); });
}

} // namespace

void notify(const std::string& name, const NotifySettings& settings) {
  const std::uint64_t count = settings.count;
  // Non-blocking: after a notification the queue is drained without ever waiting,
  // since another receiver may have taken the message first.
  const sys::Queue queue = open(name, O_RDONLY | O_NONBLOCK);
  const mq_attr attr = queue.attributes();
  std::vector<std::byte> buffer(static_cast<std::size_t>(attr.mq_msgsize));
  if (attr.mq_curmsgs > 0)
    log::warn(
        "{} already holds {}: notification only fires when an empty queue gets one, so nothing "
        "comes until it has been emptied (ipcdemo mq recv {} --count {}) and a message arrives",
        name, counted(static_cast<std::uint64_t>(attr.mq_curmsgs), "message"), name, attr.mq_curmsgs);

  const int signo = SIGRTMIN;
  const sys::BlockedSignal blocked(signo);
  sigevent event{};
  event.sigev_notify = SIGEV_SIGNAL;
  event.sigev_signo = signo;
  register_notification(queue, event);
  log::info("registered for notification on {}; waiting for a message to arrive on the empty queue", name);

  Printer printer(settings.json, true);
  while (count == 0 || printer.printed() < count) {
    const siginfo_t info = blocked.wait();
    log::info("notified: a message arrived on {} (sent by PID {}, uid {})", name, info.si_pid, info.si_uid);
    // The registration is used up: register again before draining, so that a
    // message arriving after the drain is not missed.
    if (count == 0 || printer.printed() + 1 < count) register_notification(queue, event);
    while (count == 0 || printer.printed() < count) {
      const auto got = queue.receive(buffer);
      if (!got) break; // empty again (or another receiver was quicker)
      printer.print(std::span(buffer).first(got->length), got->priority);
    }
  }
  printer.finish();
}

} // namespace ipcdemo::mq
