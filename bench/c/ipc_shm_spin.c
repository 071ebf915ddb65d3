/* Twin of `ipcdemo bench --only shm-spin`: the floor. One cache line in a shm
 * segment; the parent stores an odd turn with the ping, the child an even one
 * with the reply; each polls with atomic loads. */
#include "ipc_twin.h"

struct line {
  _Alignas(64) _Atomic uint64_t turn;
  struct sample sample;
};
static struct line* line;
static uint64_t seq;
static uint64_t errors;

static void setup(void) { line = shared_segment("spin", sizeof *line); }
static void parent_after_fork(void) {}
static void child_after_fork(void) {}

static void parent_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    ++seq;
    line->sample = (struct sample){.timestamp = (int64_t)seq, .value = 1.0, .channel = 7};
    atomic_store_explicit(&line->turn, 2 * seq - 1, memory_order_release);
    while (atomic_load_explicit(&line->turn, memory_order_acquire) != 2 * seq) {
    }
    errors += line->sample.timestamp != (int64_t)seq;
  }
}

static void child_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    ++seq;
    while (atomic_load_explicit(&line->turn, memory_order_acquire) != 2 * seq - 1) {
    }
    errors += line->sample.timestamp != (int64_t)seq;
    line->sample = (struct sample){.timestamp = (int64_t)seq, .value = 2.0, .channel = 8};
    atomic_store_explicit(&line->turn, 2 * seq, memory_order_release);
  }
}

int main(int argc, char** argv) { return twin_main(argc, argv, 0, 0); }
