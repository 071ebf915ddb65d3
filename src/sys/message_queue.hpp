// SPDX-License-Identifier: MIT
// A POSIX message queue descriptor that closes itself, and the narrated calls
// made on it (mq_open, mq_getattr, mq_send, mq_receive, mq_notify, mq_unlink,
// mq_close). Commands never call the mq_* functions themselves.
#pragma once

#include "sys/fd.hpp"

#include <mqueue.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>

#include <cstddef>
#include <optional>
#include <span>
#include <string>

namespace ipcdemo::sys {

class Queue {
 public:
  Queue() = default;
  Queue(const Queue&) = delete;
  Queue& operator=(const Queue&) = delete;
  Queue(Queue&& other) noexcept;
  Queue& operator=(Queue&& other) noexcept;
  ~Queue() { close(); }

  // mq_open(name, flags) of an existing queue. Throws SysError (ENOENT, EACCES, ...).
  static Queue open(const std::string& name, int flags);
  // The same open queue by its file in the mqueue file system: openat(directory,
  // NAME without its '/', flags | O_CLOEXEC | O_NOFOLLOW). mq_getattr works on it
  // as on mq_open's descriptor, at about half the cost (mq_open locks the
  // namespace's queue directory for its look-up; ls opens every queue), and the
  // queue is the one that directory listed.
  static Queue open_in(const Fd& directory, const std::string& name, int flags);
  // mq_open(name, flags | O_CREAT, mode, {maxmsg, msgsize}). The attributes only
  // apply when the queue is new: to know whether it is, pass O_EXCL (see
  // ipc/open_or_create.hpp). Throws SysError; the caller explains limit errors.
  static Queue create(const std::string& name, int flags, mode_t mode, long maxmsg, long msgsize);
  // mq_unlink(name).
  static void unlink(const std::string& name);

  mqd_t get() const { return mqd_; }
  const std::string& name() const { return name_; }
  bool valid() const { return mqd_ != static_cast<mqd_t>(-1); }

  // mq_getattr.
  mq_attr attributes() const;
  // fstat on the descriptor (on Linux an mqd_t is a file descriptor): mode and owner.
  struct stat status() const;

  // mq_send, or mq_timedsend when `deadline` (CLOCK_REALTIME, absolute) is given.
  // Returns false when the queue is full and the descriptor is O_NONBLOCK (EAGAIN)
  // or the deadline passed (ETIMEDOUT); `*err` then says which. EINTR from a
  // SIGINT/SIGTERM throws Interrupted; any other failure throws SysError.
  bool send(std::span<const std::byte> message, unsigned priority, const timespec* deadline = nullptr,
            int* err = nullptr) const;

  struct Received {
    std::size_t length;
    unsigned priority;
  };
  // mq_receive, or mq_timedreceive when `deadline` is given, into `buffer` (which
  // must hold mq_msgsize bytes). nullopt on EAGAIN or ETIMEDOUT, as for send.
  std::optional<Received> receive(std::span<std::byte> buffer, const timespec* deadline = nullptr,
                                  int* err = nullptr) const;

  // mq_notify(mqd, event); nullptr removes this process's registration.
  void notify(const sigevent* event) const;

  // Narrated mq_close; closing early is allowed.
  void close() noexcept;
  // Gives the descriptor up unclosed, e.g. to a CloseBatch.
  mqd_t release() noexcept;

 private:
  Queue(mqd_t mqd, std::string name) : mqd_(mqd), name_(std::move(name)) {}

  mqd_t mqd_ = static_cast<mqd_t>(-1);
  std::string name_;
};

} // namespace ipcdemo::sys
