// SPDX-License-Identifier: MIT
/* Twin of `ipcdemo bench --only shm-ring`: the child writes messages (--size
 * bytes) into a ring of 256 in a shm segment, the parent reads them; a full or empty ring is polled
 * again, up to 2000 times (none on one CPU), then with sched_yield between polls. */
#include "ipc_twin.h"

#define SLOTS 256
struct ring {
  _Alignas(64) _Atomic uint64_t head;
  _Alignas(64) _Atomic uint64_t tail;
};
static struct ring* ring;
static char* slots;
static char *out, *in;
static unsigned spin;
static uint64_t errors;

static void setup(void) {
  ring = shared_segment("ring", sizeof *ring + SLOTS * msg_size);
  slots = (char*)ring + sizeof *ring;
  out = new_message();
  in = new_message();
  spin = one_cpu ? 0 : 2000;
}
static void parent_after_fork(void) {}
static void child_after_fork(void) {}

static void parent_run(uint64_t n) {
  uint64_t tail = atomic_load_explicit(&ring->tail, memory_order_relaxed);
  uint64_t head = atomic_load_explicit(&ring->head, memory_order_acquire);
  for (uint64_t i = 0; i < n; ++i) {
    if (tail == head)
      for (unsigned spins = 0; (head = atomic_load_explicit(&ring->head, memory_order_acquire)) == tail;) {
        if (spins < spin)
          ++spins;
        else
          sched_yield();
      }
    memcpy(in, slots + (tail % SLOTS) * msg_size, msg_size);
    errors += seq_of(in) != (int64_t)(tail + 1);
    atomic_store_explicit(&ring->tail, ++tail, memory_order_release);
  }
}

static void child_run(uint64_t n) {
  uint64_t head = atomic_load_explicit(&ring->head, memory_order_relaxed);
  uint64_t tail = atomic_load_explicit(&ring->tail, memory_order_acquire);
  for (uint64_t i = 0; i < n; ++i) {
    if (head - tail == SLOTS)
      for (unsigned spins = 0;
           head - (tail = atomic_load_explicit(&ring->tail, memory_order_acquire)) == SLOTS;) {
        if (spins < spin)
          ++spins;
        else
          sched_yield();
      }
    put_sample(out, (int64_t)(head + 1), 1.0, 7);
    memcpy(slots + (head % SLOTS) * msg_size, out, msg_size);
    atomic_store_explicit(&ring->head, ++head, memory_order_release);
  }
}

int main(int argc, char** argv) { return twin_main(argc, argv, 1, 0); }
