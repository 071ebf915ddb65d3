// SPDX-License-Identifier: MIT
// Sending and receiving whole messages through queues, pipes and sockets, retrying on
// EINTR; the parent (peer != nullptr) checks its partner and signals when interrupted.
// Timed hot path: bare calls on purpose (see exchanges.hpp).
#pragma once

#include "base/error.hpp"
#include "bench/pair.hpp"
#include "bench/sample.hpp"

#include <mqueue.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <string>

namespace ipcdemo::bench {

inline void send(mqd_t mq, const std::string& name, const char* message, std::size_t size, Peer* peer) {
  while (mq_send(mq, message, size, 0) != 0) {
    if (errno != EINTR) throw SysError("mq_send", name, errno);
    if (peer != nullptr) peer->check();
  }
}

// Receives one message of exactly `size` bytes (the queue's msgsize) into `message`.
inline void receive(mqd_t mq, const std::string& name, char* message, std::size_t size, Peer* peer) {
  ssize_t got = 0;
  while ((got = mq_receive(mq, message, size, nullptr)) < 0) {
    if (errno != EINTR) throw SysError("mq_receive", name, errno);
    if (peer != nullptr) peer->check();
  }
  if (static_cast<std::size_t>(got) != size)
    throw Error(exit_code::failure,
                name + ": a message of " + std::to_string(got) + " bytes, not " + std::to_string(size));
}

inline void write_all(int fd, const std::string& name, const void* data, std::size_t size, Peer* peer) {
  const auto* bytes = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = write(fd, bytes, size);
    if (n < 0) {
      // The reading end closed: the second process died.
      if (errno == EPIPE)
        throw Error(exit_code::failure, "write " + name + ": broken pipe: the other process is gone");
      if (errno != EINTR) throw SysError("write", name, errno);
      if (peer != nullptr) peer->check();
      continue;
    }
    bytes += n;
    size -= static_cast<std::size_t>(n);
  }
}

inline void read_all(int fd, const std::string& name, void* data, std::size_t size, Peer* peer) {
  auto* bytes = static_cast<char*>(data);
  while (size > 0) {
    const ssize_t n = read(fd, bytes, size);
    if (n < 0) {
      // A socket whose other end died with data unread: the second process is gone.
      if (errno == ECONNRESET)
        throw Error(exit_code::failure, "read " + name + ": connection reset: the other process is gone");
      if (errno != EINTR) throw SysError("read", name, errno);
      if (peer != nullptr) peer->check();
      continue;
    }
    if (n == 0) throw Error(exit_code::failure, "read " + name + ": end of file: the other process is gone");
    bytes += n;
    size -= static_cast<std::size_t>(n);
  }
}

} // namespace ipcdemo::bench
