/* Twin of `ipcdemo bench --only mq`: a queue for pings, one for replies. */
#include "ipc_twin.h"

static mqd_t ping, pong;
static uint64_t seq;
static uint64_t errors;

static void setup(void) {
  ping = queue("mq-ping", queue_depth());
  pong = queue("mq-pong", queue_depth());
}
static void parent_after_fork(void) {}
static void child_after_fork(void) {}

static void parent_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    struct sample s = {.timestamp = (int64_t)++seq, .value = 1.0, .channel = 7};
    while (mq_send(ping, (const char*)&s, sizeof s, 0) != 0)
      if (errno != EINTR) die("mq_send");
    while (mq_receive(pong, (char*)&s, sizeof s, NULL) < 0)
      if (errno != EINTR) die("mq_receive");
    errors += s.timestamp != (int64_t)seq;
  }
}

static void child_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    struct sample s;
    ++seq;
    while (mq_receive(ping, (char*)&s, sizeof s, NULL) < 0)
      if (errno != EINTR) die("mq_receive");
    errors += s.timestamp != (int64_t)seq;
    s = (struct sample){.timestamp = (int64_t)seq, .value = 2.0, .channel = 8};
    while (mq_send(pong, (const char*)&s, sizeof s, 0) != 0)
      if (errno != EINTR) die("mq_send");
  }
}

int main(int argc, char** argv) { return twin_main(argc, argv, 0, 0); }
