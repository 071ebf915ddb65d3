// SPDX-License-Identifier: MIT
/* Twin of `ipcdemo bench --only eventfd`: an eventfd each way; the value
 * written is the sequence number, checked by the reader. */
#include "ipc_twin.h"

#include <sys/eventfd.h>

static int ping, pong;
static uint64_t seq;
static uint64_t errors;

static void setup(void) {
  ping = eventfd(0, EFD_CLOEXEC);
  pong = eventfd(0, EFD_CLOEXEC);
  if (ping < 0 || pong < 0) die("eventfd");
}
static void parent_after_fork(void) {}
static void child_after_fork(void) {}

static void put(int fd, uint64_t value) {
  while (write(fd, &value, sizeof value) != sizeof value)
    if (errno != EINTR) die("write");
}
static uint64_t take(int fd) {
  uint64_t value = 0;
  while (read(fd, &value, sizeof value) != sizeof value)
    if (errno != EINTR) die("read");
  return value;
}

static void parent_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    put(ping, ++seq);
    errors += take(pong) != seq;
  }
}

static void child_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    errors += take(ping) != ++seq;
    put(pong, seq);
  }
}

int main(int argc, char** argv) { return twin_main(argc, argv, 0, 0); }
