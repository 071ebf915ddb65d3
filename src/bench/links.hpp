// SPDX-License-Identifier: MIT
// The descriptor-based transports bench compares (pipe, FIFO, Unix stream and
// SOCK_SEQPACKET socketpairs, TCP over 127.0.0.1), reduced to the one thing the
// loops need: which descriptor each process sends and receives on. All set-up goes
// through src/sys (narrated); nothing made here has a name left in any file system.
#pragma once

#include "sys/fd.hpp"

#include <string>
#include <vector>

namespace ipcdemo::bench {

struct Link {
  std::string name;                 // for errors: "ping pipe", "unix socketpair"
  std::vector<sys::Fd> parent_only; // closed in the child after fork
  std::vector<sys::Fd> child_only;  // closed in the parent after fork
  int parent_send = -1;
  int parent_recv = -1;
  int child_send = -1;
  int child_recv = -1;
};

Link pipe_link();           // two pipes, one each way
Link fifo_link();           // two FIFOs made in a private mkdtemp directory, unlinked at once
Link socket_link(int type); // socketpair(AF_UNIX, SOCK_STREAM or SOCK_SEQPACKET)
Link tcp_link();            // a TCP connection 127.0.0.1 -> 127.0.0.1, TCP_NODELAY

} // namespace ipcdemo::bench
