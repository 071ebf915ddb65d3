// SPDX-License-Identifier: MIT
#include "bench/links.hpp"

#include "sys/fifo.hpp"
#include "sys/socket.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>

#include <utility>

namespace ipcdemo::bench {

namespace {

// One-way channels `ping` (parent -> child) and `pong` (child -> parent).
template <typename Ends>
Link two_channels(std::string name, Ends ping, Ends pong) {
  Link link{.name = std::move(name)};
  link.parent_send = ping.write.get();
  link.child_recv = ping.read.get();
  link.child_send = pong.write.get();
  link.parent_recv = pong.read.get();
  link.parent_only.push_back(std::move(ping.write));
  link.parent_only.push_back(std::move(pong.read));
  link.child_only.push_back(std::move(ping.read));
  link.child_only.push_back(std::move(pong.write));
  return link;
}

// One two-way connection: the parent uses one end, the child the other.
Link one_connection(std::string name, sys::SocketPair pair) {
  Link link{.name = std::move(name)};
  link.parent_send = link.parent_recv = pair.first.get();
  link.child_send = link.child_recv = pair.second.get();
  link.parent_only.push_back(std::move(pair.first));
  link.child_only.push_back(std::move(pair.second));
  return link;
}

} // namespace

Link pipe_link() { return two_channels("pipe", sys::pipe("ping pipe"), sys::pipe("pong pipe")); }

Link fifo_link() {
  // The directory is removed when this returns: the FIFOs in it are already unlinked.
  const sys::PrivateDirectory directory(fmt::format("ipcdemo-bench-{}-", getpid()));
  return two_channels("FIFO", sys::fifo(directory, "ping"), sys::fifo(directory, "pong"));
}

Link socket_link(int type) {
  const char* name = type == SOCK_SEQPACKET ? "SOCK_SEQPACKET socketpair" : "unix socketpair";
  return one_connection(name, sys::socketpair(type, name));
}

Link tcp_link() { return one_connection("TCP on 127.0.0.1", sys::tcp_loopback_pair("TCP on 127.0.0.1")); }

} // namespace ipcdemo::bench
