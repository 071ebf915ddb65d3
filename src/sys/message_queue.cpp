// SPDX-License-Identifier: MIT
#include "sys/message_queue.hpp"

#include "base/error.hpp"
#include "base/signals.hpp"
#include "sys/narrate.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <csignal>
#include <utility>

namespace ipcdemo::sys {

namespace {

std::string attr_text(const mq_attr& attr) {
  return fmt::format("{{mq_flags={}, mq_maxmsg={}, mq_msgsize={}, mq_curmsgs={}}}",
                     (attr.mq_flags & O_NONBLOCK) != 0 ? "O_NONBLOCK" : "0", attr.mq_maxmsg, attr.mq_msgsize,
                     attr.mq_curmsgs);
}

std::string deadline_text(const timespec* deadline) {
  return fmt::format("{{tv_sec={}, tv_nsec={}}}", deadline->tv_sec, deadline->tv_nsec);
}

std::string sigevent_text(const sigevent* event) {
  if (event == nullptr) return "NULL";
  switch (event->sigev_notify) {
    case SIGEV_NONE: return "{sigev_notify=SIGEV_NONE}";
    case SIGEV_THREAD: return "{sigev_notify=SIGEV_THREAD}";
    case SIGEV_SIGNAL:
      return fmt::format("{{sigev_notify=SIGEV_SIGNAL, sigev_signo={}}}",
                         narrate::signal_name(event->sigev_signo));
    default: return fmt::format("{{sigev_notify={}}}", event->sigev_notify);
  }
}

} // namespace

Queue::Queue(Queue&& other) noexcept : mqd_(other.mqd_), name_(std::move(other.name_)) {
  other.mqd_ = static_cast<mqd_t>(-1);
}

Queue& Queue::operator=(Queue&& other) noexcept {
  if (this != &other) {
    close();
    mqd_ = other.mqd_;
    name_ = std::move(other.name_);
    other.mqd_ = static_cast<mqd_t>(-1);
  }
  return *this;
}

void Queue::close() noexcept {
  if (!valid()) return;
  const int rc = ::mq_close(mqd_);
  const int err = errno;
  if (narrate::on()) narrate::emit("mq_close", std::to_string(mqd_), narrate::result(rc, err));
  mqd_ = static_cast<mqd_t>(-1);
}

mqd_t Queue::release() noexcept {
  const mqd_t mqd = mqd_;
  mqd_ = static_cast<mqd_t>(-1);
  return mqd;
}

Queue Queue::open_in(const Fd& directory, const std::string& name, int flags) {
  const std::string file = name.starts_with('/') ? name.substr(1) : name;
  const int fd = ::openat(directory.get(), file.c_str(), flags | O_CLOEXEC | O_NOFOLLOW);
  const int err = errno;
  if (narrate::on())
    narrate::emit("openat",
                  fmt::format("{}, {}, {}", directory.get(), narrate::quoted(file),
                              narrate::open_flags(flags | O_CLOEXEC | O_NOFOLLOW)),
                  narrate::result(fd, err));
  if (fd < 0) throw SysError("openat", name, err);
  return Queue(fd, name);
}

Queue Queue::open(const std::string& name, int flags) {
  const mqd_t mqd = ::mq_open(name.c_str(), flags);
  const int err = errno;
  if (narrate::on())
    narrate::emit("mq_open", narrate::quoted(name) + ", " + narrate::open_flags(flags),
                  narrate::result(mqd, err));
  if (mqd == static_cast<mqd_t>(-1)) throw SysError("mq_open", name, err);
  return Queue(mqd, name);
}

Queue Queue::create(const std::string& name, int flags, mode_t mode, long maxmsg, long msgsize) {
  mq_attr attr{};
  attr.mq_maxmsg = maxmsg;
  attr.mq_msgsize = msgsize;
  flags |= O_CREAT;
  const mqd_t mqd = ::mq_open(name.c_str(), flags, mode, &attr);
  const int err = errno;
  if (narrate::on()) {
    // The attributes on a line of their own, as a C program would fill them in:
    // the call then fits an 80-column line.
    narrate::note(
        fmt::format("struct mq_attr attr = {{.mq_maxmsg = {}, .mq_msgsize = {}}};", maxmsg, msgsize));
    narrate::emit("mq_open",
                  fmt::format("{}, {}, {}, &attr", narrate::quoted(name), narrate::open_flags(flags),
                              narrate::octal(mode)),
                  narrate::result(mqd, err));
  }
  if (mqd == static_cast<mqd_t>(-1)) throw SysError("mq_open", name, err);
  return Queue(mqd, name);
}

void Queue::unlink(const std::string& name) {
  const int rc = ::mq_unlink(name.c_str());
  const int err = errno;
  if (narrate::on()) narrate::emit("mq_unlink", narrate::quoted(name), narrate::result(rc, err));
  if (rc != 0) throw SysError("mq_unlink", name, err);
}

mq_attr Queue::attributes() const {
  mq_attr attr{};
  const int rc = ::mq_getattr(mqd_, &attr);
  const int err = errno;
  if (narrate::on())
    narrate::emit("mq_getattr", fmt::format("{}, {}", mqd_, rc == 0 ? attr_text(attr) : "0x?"),
                  narrate::result(rc, err));
  if (rc != 0) throw SysError("mq_getattr", name_, err);
  return attr;
}

struct stat Queue::status() const {
  struct stat info {};
  const int rc = ::fstat(mqd_, &info);
  const int err = errno;
  if (narrate::on())
    narrate::emit("fstat",
                  fmt::format("{}, {{st_mode={}, st_uid={}, st_gid={}, ...}}", mqd_,
                              narrate::file_mode(info.st_mode), info.st_uid, info.st_gid),
                  narrate::result(rc, err));
  if (rc != 0) throw SysError("fstat", name_, err);
  return info;
}

bool Queue::send(std::span<const std::byte> message, unsigned priority, const timespec* deadline,
                 int* err_out) const {
  const char* data = reinterpret_cast<const char*>(message.data());
  for (;;) {
    const int rc = deadline == nullptr ? ::mq_send(mqd_, data, message.size(), priority)
                                       : ::mq_timedsend(mqd_, data, message.size(), priority, deadline);
    const int err = errno;
    if (narrate::on()) {
      std::string args =
          fmt::format("{}, {}, {}, {}", mqd_, narrate::pointer(data), message.size(), priority);
      if (deadline != nullptr) args += ", " + deadline_text(deadline);
      narrate::emit(deadline == nullptr ? "mq_send" : "mq_timedsend", args, narrate::result(rc, err));
    }
    if (rc == 0) return true;
    if (err == EINTR) {
      signals::throw_if_interrupted();
      continue;
    }
    if (err == EAGAIN || err == ETIMEDOUT) {
      if (err_out != nullptr) *err_out = err;
      return false;
    }
    throw SysError(deadline == nullptr ? "mq_send" : "mq_timedsend", name_, err);
  }
}

std::optional<Queue::Received> Queue::receive(std::span<std::byte> buffer, const timespec* deadline,
                                              int* err_out) const {
  char* data = reinterpret_cast<char*>(buffer.data());
  for (;;) {
    unsigned priority = 0;
    const ssize_t got = deadline == nullptr
                            ? ::mq_receive(mqd_, data, buffer.size(), &priority)
                            : ::mq_timedreceive(mqd_, data, buffer.size(), &priority, deadline);
    const int err = errno;
    if (narrate::on()) {
      std::string args = fmt::format("{}, {}, {}, [{}]", mqd_, narrate::pointer(data), buffer.size(),
                                     got >= 0 ? std::to_string(priority) : "?");
      if (deadline != nullptr) args += ", " + deadline_text(deadline);
      narrate::emit(deadline == nullptr ? "mq_receive" : "mq_timedreceive", args, narrate::result(got, err));
    }
    if (got >= 0) return Received{static_cast<std::size_t>(got), priority};
    if (err == EINTR) {
      signals::throw_if_interrupted();
      continue;
    }
    if (err == EAGAIN || err == ETIMEDOUT) {
      if (err_out != nullptr) *err_out = err;
      return std::nullopt;
    }
    throw SysError(deadline == nullptr ? "mq_receive" : "mq_timedreceive", name_, err);
  }
}

void Queue::notify(const sigevent* event) const {
  const int rc = ::mq_notify(mqd_, event);
  const int err = errno;
  if (narrate::on())
    narrate::emit("mq_notify", fmt::format("{}, {}", mqd_, sigevent_text(event)), narrate::result(rc, err));
  if (rc != 0) throw SysError("mq_notify", name_, err);
}

} // namespace ipcdemo::sys
