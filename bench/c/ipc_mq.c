// SPDX-License-Identifier: MIT
/* Twin of `ipcdemo bench --only mq`: a queue for pings, one for replies,
 * messages of --size bytes (msgsize follows it). */
#include "ipc_twin.h"

static mqd_t ping, pong;
static uint64_t seq;
static uint64_t errors;
static char *out, *in;

static void setup(void) {
  ping = queue("mq-ping", queue_depth());
  pong = queue("mq-pong", queue_depth());
  out = new_message();
  in = new_message();
}
static void parent_after_fork(void) {}
static void child_after_fork(void) {}

static void parent_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    put_sample(out, (int64_t)++seq, 1.0, 7);
    while (mq_send(ping, out, msg_size, 0) != 0)
      if (errno != EINTR) die("mq_send");
    while (mq_receive(pong, in, msg_size, NULL) < 0)
      if (errno != EINTR) die("mq_receive");
    errors += seq_of(in) != (int64_t)seq;
  }
}

static void child_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    ++seq;
    while (mq_receive(ping, in, msg_size, NULL) < 0)
      if (errno != EINTR) die("mq_receive");
    errors += seq_of(in) != (int64_t)seq;
    put_sample(out, (int64_t)seq, 2.0, 8);
    while (mq_send(pong, out, msg_size, 0) != 0)
      if (errno != EINTR) die("mq_send");
  }
}

int main(int argc, char** argv) { return twin_main(argc, argv, 0, 0); }
