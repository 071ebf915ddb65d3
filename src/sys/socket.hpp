// SPDX-License-Identifier: MIT
// Sockets for bench's transports: a connected pair of Unix domain sockets, and a
// TCP connection over the loopback interface only. Narrated like every other call.
#pragma once

#include "sys/fd.hpp"

#include <string>

namespace ipcdemo::sys {

struct SocketPair {
  Fd first;
  Fd second;
};

// socketpair(AF_UNIX, type | SOCK_CLOEXEC): SOCK_STREAM or SOCK_SEQPACKET; no file
// in any file system, so nothing can be left behind. `name` describes it in errors.
SocketPair socketpair(int type, const std::string& name);

// A TCP connection from 127.0.0.1 to 127.0.0.1: a listener bound to an ephemeral
// port of 127.0.0.1 (never any other address), a connect to it, the accept, then
// the listener closed. TCP_NODELAY on both ends: each write goes out at once.
// `first` is the connecting end, `second` the accepted one.
SocketPair tcp_loopback_pair(const std::string& name);

} // namespace ipcdemo::sys
