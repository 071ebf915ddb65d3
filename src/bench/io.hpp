// Sending and receiving whole messages through queues and pipes, retrying on
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

inline void send(mqd_t mq, const std::string& name, const Sample& sample, Peer* peer) {
  while (mq_send(mq, reinterpret_cast<const char*>(&sample), sizeof sample, 0) != 0) {
    if (errno != EINTR) throw SysError("mq_send", name, errno);
    if (peer != nullptr) peer->check();
  }
}

inline Sample receive(mqd_t mq, const std::string& name, Peer* peer) {
  Sample sample{};
  while (mq_receive(mq, reinterpret_cast<char*>(&sample), sizeof sample, nullptr) < 0) {
    if (errno != EINTR) throw SysError("mq_receive", name, errno);
    if (peer != nullptr) peer->check();
  }
  return sample;
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
