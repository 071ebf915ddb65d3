// SPDX-License-Identifier: MIT
/* Twin of `ipcdemo bench --only sem-unnamed`: two sem_init(pshared=1) semaphores
 * inside the shm segment that also holds the sample; sem_wait blocks. */
#include "ipc_twin.h"
#include "ipc_sem_loop.h"

static void setup(void) {
  page = shared_segment("sem-data", sizeof *page);
  sem_init(&page->ping, 1, 0);
  sem_init(&page->pong, 1, 0);
  ping = &page->ping;
  pong = &page->pong;
  spin = 0;
}
