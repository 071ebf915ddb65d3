// SPDX-License-Identifier: MIT
/* Twin of `ipcdemo bench --only futex`: one word in a shm segment; each side
 * stores its turn and FUTEX_WAKEs, then FUTEX_WAITs until the other's turn. */
#include "ipc_twin.h"

#include <linux/futex.h>
#include <sys/syscall.h>

static _Atomic uint32_t* word;
static uint64_t seq;

static void setup(void) { word = shared_segment("futex", sizeof *word); }
static void parent_after_fork(void) {}
static void child_after_fork(void) {}

static long futex(int op, uint32_t value) {
  return syscall(SYS_futex, (uint32_t*)word, op, value, NULL, NULL, 0);
}

static void hand_over(uint32_t turn) {
  atomic_store_explicit(word, turn, memory_order_release);
  if (futex(FUTEX_WAKE, 1) < 0) die("futex wake");
}

static void wait_for(uint32_t turn) {
  for (;;) {
    uint32_t seen = atomic_load_explicit(word, memory_order_acquire);
    if (seen == turn) return;
    if (futex(FUTEX_WAIT, seen) != 0 && errno != EAGAIN && errno != EINTR) die("futex wait");
  }
}

static void parent_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    ++seq;
    hand_over((uint32_t)(2 * seq - 1));
    wait_for((uint32_t)(2 * seq));
  }
}

static void child_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    ++seq;
    wait_for((uint32_t)(2 * seq - 1));
    hand_over((uint32_t)(2 * seq));
  }
}

int main(int argc, char** argv) { return twin_main(argc, argv, 0, 0); }
