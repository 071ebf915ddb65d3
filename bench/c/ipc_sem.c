// SPDX-License-Identifier: MIT
/* Twin of `ipcdemo bench --only sem`: two sem_open'd semaphores, sem_wait blocks;
 * the sample travels in a shm segment. */
#include "ipc_twin.h"
#include "ipc_sem_loop.h"

static void setup(void) {
  page = shared_segment("sem-data", sizeof *page);
  ping = named_semaphore("ping");
  pong = named_semaphore("pong");
  spin = 0;
}
