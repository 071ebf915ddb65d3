// SPDX-License-Identifier: MIT
/* Twin of `ipcdemo bench --only mq-stream`: the child sends messages of --size
 * bytes into one queue at its full depth (10, or msg_max if lower), the parent
 * receives them. */
#include "ipc_twin.h"

static mqd_t mq;
static uint64_t seq;
static uint64_t errors;

static char *out, *in;

static void setup(void) {
  mq = queue("mq-stream", queue_depth());
  out = new_message();
  in = new_message();
}
static void parent_after_fork(void) {}
static void child_after_fork(void) {}

static void parent_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    while (mq_receive(mq, in, msg_size, NULL) < 0)
      if (errno != EINTR) die("mq_receive");
    errors += seq_of(in) != (int64_t)++seq;
  }
}

static void child_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    put_sample(out, (int64_t)++seq, 1.0, 7);
    while (mq_send(mq, out, msg_size, 0) != 0)
      if (errno != EINTR) die("mq_send");
  }
}

int main(int argc, char** argv) { return twin_main(argc, argv, 1, 0); }
