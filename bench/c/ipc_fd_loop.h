// SPDX-License-Identifier: MIT
/* The loops of `ipcdemo bench` over a descriptor-based transport (src/bench/
 * transports.cpp): pipe, FIFO, Unix socketpairs, TCP. A twin sets the four
 * descriptors in make_link() and the ones each side closes after fork, defines
 * FD_STREAM for the one-way stream (else a round trip), then includes this;
 * make_link() calls one of the set-ups of fd_links.h. */
#include "ipc_twin.h"

#include <sys/socket.h>

static int parent_send = -1, parent_recv = -1, child_send = -1, child_recv = -1;
static int parent_only[2] = {-1, -1}, child_only[2] = {-1, -1};
static char *out, *in;
static uint64_t seq;
static uint64_t errors;

static void make_link(void);

static void write_all(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      die("write");
    }
    data += n, size -= (size_t)n;
  }
}

static void read_all(int fd, char* data, size_t size) {
  while (size > 0) {
    ssize_t n = read(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      die("read");
    }
    if (n == 0) exit(1);
    data += n, size -= (size_t)n;
  }
}

static void setup(void) {
  make_link();
  out = new_message();
  in = new_message();
}
static void parent_after_fork(void) {
  for (int i = 0; i < 2; ++i)
    if (child_only[i] >= 0) close(child_only[i]);
}
static void child_after_fork(void) {
  for (int i = 0; i < 2; ++i)
    if (parent_only[i] >= 0) close(parent_only[i]);
}

#ifdef FD_STREAM
static void parent_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    read_all(parent_recv, in, msg_size);
    errors += seq_of(in) != (int64_t)++seq;
  }
}

static void child_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    put_sample(out, (int64_t)++seq, 1.0, 7);
    write_all(child_send, out, msg_size);
  }
}

int main(int argc, char** argv) { return twin_main(argc, argv, 1, 0); }
#else
static void parent_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    put_sample(out, (int64_t)++seq, 1.0, 7);
    write_all(parent_send, out, msg_size);
    read_all(parent_recv, in, msg_size);
    errors += seq_of(in) != (int64_t)seq;
  }
}

static void child_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    ++seq;
    read_all(child_recv, in, msg_size);
    errors += seq_of(in) != (int64_t)seq;
    put_sample(out, (int64_t)seq, 2.0, 8);
    write_all(child_send, out, msg_size);
  }
}

int main(int argc, char** argv) { return twin_main(argc, argv, 0, 0); }
#endif

/* Two one-way channels: ping[1] -> ping[0] (parent to child), pong the other way. */
static inline void two_channels(const int ping[2], const int pong[2]) {
  parent_send = ping[1], child_recv = ping[0], child_send = pong[1], parent_recv = pong[0];
  parent_only[0] = ping[1], parent_only[1] = pong[0];
  child_only[0] = ping[0], child_only[1] = pong[1];
}

/* One two-way connection: the parent's end and the child's. */
static inline void one_connection(int parent_end, int child_end) {
  parent_send = parent_recv = parent_end;
  child_send = child_recv = child_end;
  parent_only[0] = parent_end;
  child_only[0] = child_end;
}

/* How each transport is made (make_link calls one of these). */
#include "fd_links.h"
