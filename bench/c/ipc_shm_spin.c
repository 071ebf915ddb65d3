// SPDX-License-Identifier: MIT
/* Twin of `ipcdemo bench --only shm-spin`: the floor. One cache line in a shm
 * segment with the message (--size bytes) beside it; the parent stores an odd
 * turn with the ping, the child an even one with the reply; each polls with
 * atomic loads and copies the message in and out. */
#include "ipc_twin.h"

struct line {
  _Alignas(64) _Atomic uint64_t turn;
};
static struct line* line;
static char* area;
static char *out, *in;
static uint64_t seq;
static uint64_t errors;

static void setup(void) {
  line = shared_segment("spin", sizeof *line + msg_size);
  area = (char*)line + sizeof *line;
  out = new_message();
  in = new_message();
}
static void parent_after_fork(void) {}
static void child_after_fork(void) {}

static void parent_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    ++seq;
    put_sample(out, (int64_t)seq, 1.0, 7);
    memcpy(area, out, msg_size);
    atomic_store_explicit(&line->turn, 2 * seq - 1, memory_order_release);
    while (atomic_load_explicit(&line->turn, memory_order_acquire) != 2 * seq) {
    }
    memcpy(in, area, msg_size);
    errors += seq_of(in) != (int64_t)seq;
  }
}

static void child_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    ++seq;
    while (atomic_load_explicit(&line->turn, memory_order_acquire) != 2 * seq - 1) {
    }
    memcpy(in, area, msg_size);
    errors += seq_of(in) != (int64_t)seq;
    put_sample(out, (int64_t)seq, 2.0, 8);
    memcpy(area, out, msg_size);
    atomic_store_explicit(&line->turn, 2 * seq, memory_order_release);
  }
}

int main(int argc, char** argv) { return twin_main(argc, argv, 0, 0); }
