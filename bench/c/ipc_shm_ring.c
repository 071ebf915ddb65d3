/* Twin of `ipcdemo bench --only shm-ring`: the child writes samples into a ring
 * of 256 in a shm segment, the parent reads them; a full or empty ring is polled
 * again, up to 2000 times (none on one CPU), then with sched_yield between polls. */
#include "ipc_twin.h"

#define SLOTS 256
struct ring {
  _Alignas(64) _Atomic uint64_t head;
  _Alignas(64) _Atomic uint64_t tail;
  _Alignas(64) struct sample slots[SLOTS];
};
static struct ring* ring;
static unsigned spin;
static uint64_t errors;

static void setup(void) {
  ring = shared_segment("ring", sizeof *ring);
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
    errors += ring->slots[tail % SLOTS].timestamp != (int64_t)(tail + 1);
    atomic_store_explicit(&ring->tail, ++tail, memory_order_release);
  }
}

static void child_run(uint64_t n) {
  uint64_t head = atomic_load_explicit(&ring->head, memory_order_relaxed);
  uint64_t tail = atomic_load_explicit(&ring->tail, memory_order_acquire);
  for (uint64_t i = 0; i < n; ++i) {
    if (head - tail == SLOTS)
      for (unsigned spins = 0; head - (tail = atomic_load_explicit(&ring->tail, memory_order_acquire)) == SLOTS;) {
        if (spins < spin)
          ++spins;
        else
          sched_yield();
      }
    ring->slots[head % SLOTS] = (struct sample){.timestamp = (int64_t)(head + 1), .value = 1.0, .channel = 7};
    atomic_store_explicit(&ring->head, ++head, memory_order_release);
  }
}

int main(int argc, char** argv) { return twin_main(argc, argv, 1, 0); }
