/* Twin of `ipcdemo bench --only mq-stream`: the child sends samples into one
 * queue at its full depth (10, or msg_max if lower), the parent receives them. */
#include "ipc_twin.h"

static mqd_t mq;
static uint64_t seq;
static uint64_t errors;

static void setup(void) { mq = queue("mq-stream", queue_depth()); }
static void parent_after_fork(void) {}
static void child_after_fork(void) {}

static void parent_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    struct sample s;
    while (mq_receive(mq, (char*)&s, sizeof s, NULL) < 0)
      if (errno != EINTR) die("mq_receive");
    errors += s.timestamp != (int64_t)++seq;
  }
}

static void child_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    struct sample s = {.timestamp = (int64_t)++seq, .value = 1.0, .channel = 7};
    while (mq_send(mq, (const char*)&s, sizeof s, 0) != 0)
      if (errno != EINTR) die("mq_send");
  }
}

int main(int argc, char** argv) { return twin_main(argc, argv, 1, 0); }
