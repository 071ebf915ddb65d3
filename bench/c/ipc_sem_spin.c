// SPDX-License-Identifier: MIT
/* Twin of `ipcdemo bench --only sem-spin`: two sem_open'd semaphores, up to
 * 20000 sem_trywait before sem_wait (none on one CPU); the sample in a shm segment. */
#include "ipc_twin.h"
#include "ipc_sem_loop.h"

static void setup(void) {
  page = shared_segment("sem-data", sizeof *page);
  ping = named_semaphore("ping");
  pong = named_semaphore("pong");
  spin = one_cpu ? 0 : 20000;
}
