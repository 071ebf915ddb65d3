// SPDX-License-Identifier: MIT
#include "sys/socket.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "sys/narrate.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <fmt/format.h>

#include <cerrno>

namespace ipcdemo::sys {

namespace {

std::string socket_type(int type) {
  if (type == SOCK_STREAM) return "SOCK_STREAM";
  if (type == SOCK_SEQPACKET) return "SOCK_SEQPACKET";
  return fmt::format("{}", type);
}

std::string address_text(const sockaddr_in& address) {
  char text[INET_ADDRSTRLEN] = "?";
  inet_ntop(AF_INET, &address.sin_addr, text, sizeof text);
  return fmt::format("{{sa_family=AF_INET, sin_port=htons({}), sin_addr=inet_addr(\"{}\")}}",
                     ntohs(address.sin_port), text);
}

// 127.0.0.1:43210, for messages.
std::string endpoint(const sockaddr_in& address) {
  char text[INET_ADDRSTRLEN] = "?";
  inet_ntop(AF_INET, &address.sin_addr, text, sizeof text);
  return fmt::format("{}:{}", text, ntohs(address.sin_port));
}

// A call that returns 0 or -1: narrated, SysError naming `name` when it failed.
void checked(int rc, const char* call, const std::string& args, const std::string& name) {
  const int err = errno;
  if (narrate::on()) narrate::emit(call, args, narrate::result(rc, err));
  if (rc != 0) throw SysError(call, name, err);
}

Fd tcp_socket(const std::string& name) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const int err = errno;
  if (narrate::on())
    narrate::emit("socket", "AF_INET, SOCK_STREAM|SOCK_CLOEXEC, 0", narrate::result(fd, err));
  if (fd < 0) throw SysError("socket", name, err);
  return Fd(fd, name);
}

void no_delay(const Fd& fd) {
  const int one = 1;
  checked(::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one), "setsockopt",
          fmt::format("{}, IPPROTO_TCP, TCP_NODELAY, [1], 4", fd.get()), fd.name());
}

} // namespace

SocketPair socketpair(int type, const std::string& name) {
  int fds[2] = {-1, -1};
  const int rc = ::socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, fds);
  const int err = errno;
  if (narrate::on())
    narrate::emit("socketpair",
                  fmt::format("AF_UNIX, {}|SOCK_CLOEXEC, 0, {}", socket_type(type),
                              rc == 0 ? fmt::format("[{}, {}]", fds[0], fds[1]) : "[...]"),
                  narrate::result(rc, err));
  if (rc != 0) throw SysError("socketpair", name, err);
  return {Fd(fds[0], name), Fd(fds[1], name)};
}

SocketPair tcp_loopback_pair(const std::string& name) {
  Fd listener = tcp_socket(name + " (listener)");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0; // the kernel picks a free port
  checked(::bind(listener.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address), "bind",
          fmt::format("{}, {}, {}", listener.get(), address_text(address), sizeof address), listener.name());
  // A backlog of 8: a stranger who connects first (the port shows in /proc/net/tcp)
  // neither blocks our connect nor is taken for our client (checked below).
  checked(::listen(listener.get(), 8), "listen", fmt::format("{}, 8", listener.get()), listener.name());
  socklen_t length = sizeof address;
  checked(::getsockname(listener.get(), reinterpret_cast<sockaddr*>(&address), &length), "getsockname",
          fmt::format("{}, {}", listener.get(), address_text(address)), listener.name());
  if (address.sin_addr.s_addr != htonl(INADDR_LOOPBACK))
    throw Error(exit_code::failure, name + ": the listener is not on 127.0.0.1");
  const std::string where = fmt::format("{} (127.0.0.1:{})", name, ntohs(address.sin_port));

  Fd client = tcp_socket(where);
  // The backlog lets this connect complete before accept: no second thread needed.
  checked(::connect(client.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address), "connect",
          fmt::format("{}, {}, {}", client.get(), address_text(address), sizeof address), where);
  sockaddr_in mine{};
  length = sizeof mine;
  checked(::getsockname(client.get(), reinterpret_cast<sockaddr*>(&mine), &length), "getsockname",
          fmt::format("{}, {}", client.get(), address_text(mine)), where);
  // The accepted end must be our client's: its address and port, nobody else's.
  for (int tries = 0; tries < 8; ++tries) {
    sockaddr_in peer{};
    length = sizeof peer;
    const int accepted = ::accept4(listener.get(), reinterpret_cast<sockaddr*>(&peer), &length, SOCK_CLOEXEC);
    const int err = errno;
    if (narrate::on())
      narrate::emit("accept4",
                    fmt::format("{}, {}, [{}], SOCK_CLOEXEC", listener.get(), address_text(peer), length),
                    narrate::result(accepted, err));
    if (accepted < 0) throw SysError("accept4", where, err);
    Fd server(accepted, where);
    if (peer.sin_addr.s_addr == mine.sin_addr.s_addr && peer.sin_port == mine.sin_port) {
      no_delay(client);
      no_delay(server);
      return {std::move(client), std::move(server)};
    }
    log::warn("{}: a connection from {} is not bench's own client: closed", where, endpoint(peer));
  }
  throw Error(exit_code::failure, where + ": strangers' connections came before bench's own client",
              "another local process connects to this port as soon as it listens: run bench again");
}

} // namespace ipcdemo::sys
