// SPDX-License-Identifier: MIT
/* The set-up of each descriptor-based transport, as src/bench/links.cpp makes it. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/stat.h>

static inline void pipe_link(void) {
  int ping[2], pong[2];
  if (pipe(ping) != 0 || pipe(pong) != 0) die("pipe");
  two_channels(ping, pong);
}

/* mkfifo in a private mkdtemp directory; both ends opened, then unlinked at once. */
static inline void fifo_pair(const char* dir, const char* leaf, int ends[2]) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, leaf);
  if (mkfifo(path, 0600) != 0) die("mkfifo");
  ends[0] = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
  if (ends[0] < 0) die("open fifo for reading");
  ends[1] = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
  if (ends[1] < 0) die("open fifo for writing");
  unlink(path);
  fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) & ~O_NONBLOCK);
}

static inline void fifo_link(void) {
  const char* tmp = getenv("TMPDIR");
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/ipcdemo-twin-XXXXXX", tmp && *tmp == '/' ? tmp : "/tmp");
  if (mkdtemp(dir) == NULL) die("mkdtemp");
  int ping[2], pong[2];
  fifo_pair(dir, "ping", ping);
  fifo_pair(dir, "pong", pong);
  rmdir(dir);
  two_channels(ping, pong);
}

static inline void socket_link(int type) {
  int sv[2];
  if (socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, sv) != 0) die("socketpair");
  one_connection(sv[0], sv[1]);
}

/* 127.0.0.1 to 127.0.0.1 on an ephemeral port, TCP_NODELAY on both ends. */
static inline void tcp_link(void) {
  int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener < 0) die("socket");
  struct sockaddr_in address = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  socklen_t length = sizeof address;
  if (bind(listener, (struct sockaddr*)&address, sizeof address) != 0) die("bind");
  if (listen(listener, 1) != 0) die("listen");
  if (getsockname(listener, (struct sockaddr*)&address, &length) != 0) die("getsockname");
  int client = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (client < 0 || connect(client, (struct sockaddr*)&address, sizeof address) != 0) die("connect");
  int server = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
  if (server < 0) die("accept");
  close(listener);
  int one = 1;
  setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  setsockopt(server, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  one_connection(client, server);
}
