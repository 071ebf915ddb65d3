// SPDX-License-Identifier: MIT
/* The ping-pong of the three semaphore twins (sem, sem-spin, sem-unnamed): each
 * includes this after ipc_twin.h and defines only setup(), which makes the
 * semaphores and sets the spin. It also holds main(), the same for all three. */
#ifndef IPC_SEM_LOOP_H
#define IPC_SEM_LOOP_H

struct page {
  sem_t ping, pong;
  struct sample sample;
};
static struct page* page;
static sem_t *ping, *pong;
static unsigned spin;
static uint64_t seq;
static uint64_t errors;

static void wait_for(sem_t* sem) {
  for (unsigned i = 0; i < spin; ++i)
    if (sem_trywait(sem) == 0) return;
  while (sem_wait(sem) != 0)
    if (errno != EINTR) die("sem_wait");
}

static void parent_after_fork(void) {}
static void child_after_fork(void) {}

static void parent_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    ++seq;
    page->sample = (struct sample){.timestamp = (int64_t)seq, .value = 1.0, .channel = 7};
    if (sem_post(ping) != 0) die("sem_post");
    wait_for(pong);
    errors += page->sample.timestamp != (int64_t)seq;
  }
}

static void child_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    ++seq;
    wait_for(ping);
    errors += page->sample.timestamp != (int64_t)seq;
    page->sample = (struct sample){.timestamp = (int64_t)seq, .value = 2.0, .channel = 8};
    if (sem_post(pong) != 0) die("sem_post");
  }
}

int main(int argc, char** argv) { return twin_main(argc, argv, 0, 0); }

#endif
