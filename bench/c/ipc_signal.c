// SPDX-License-Identifier: MIT
/* Twin of `ipcdemo bench --only signal`: SIGRTMIN each way, blocked before fork,
 * sent with sigqueue carrying the sequence number, taken with sigwaitinfo. */
#include "ipc_twin.h"

static sigset_t set;
static pid_t parent, child;
static uint64_t seq;
static uint64_t errors;

static void setup(void) {
  sigemptyset(&set);
  sigaddset(&set, SIGRTMIN);
  if (sigprocmask(SIG_BLOCK, &set, NULL) != 0) die("sigprocmask");
  parent = getpid();
}
static void parent_after_fork(void) { child = twin_child; }
static void child_after_fork(void) {}

static void send(pid_t to, uint64_t value) {
  union sigval v = {.sival_int = (int)(value & 0x7fffffff)};
  while (sigqueue(to, SIGRTMIN, v) != 0)
    if (errno != EAGAIN && errno != EINTR) die("sigqueue");
}
static uint64_t take(void) {
  siginfo_t info;
  while (sigwaitinfo(&set, &info) < 0)
    if (errno != EINTR) die("sigwaitinfo");
  return info.si_code == SI_QUEUE ? (uint64_t)info.si_value.sival_int : 0;
}

static void parent_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    send(child, ++seq);
    errors += take() != (seq & 0x7fffffff);
  }
}

static void child_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    errors += take() != (++seq & 0x7fffffff);
    send(parent, seq);
  }
}

int main(int argc, char** argv) { return twin_main(argc, argv, 0, 0); }
