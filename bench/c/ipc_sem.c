/* Twin of `ipcdemo bench --only sem`: two sem_open'd semaphores, sem_wait blocks;
 * the sample travels in a shm segment. */
#include "ipc_twin.h"

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

static void setup(void) {
  page = shared_segment("sem-data", sizeof *page);
  ping = named_semaphore("ping");
  pong = named_semaphore("pong");
  spin = 0;
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
