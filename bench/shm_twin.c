// SPDX-License-Identifier: MIT
/* The C twin of `ipcdemo shm produce` and `shm consume`: the screenplay's programs
 * with the same loop and the same output, and nothing else (no option parsing, no
 * logging, no narration). bench/shm-produce.sh measures ipcdemo against it.
 *
 *   shm_twin produce NAME COUNT racy|atomic|sem LOCKNAME
 *   shm_twin consume NAME COUNT
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void put(uint64_t value) {
  char line[24];
  char* end = line + sizeof line;
  char* p = end;
  *--p = '\n';
  do *--p = (char)('0' + value % 10);
  while ((value /= 10) != 0);
  fwrite_unlocked(p, 1, (size_t)(end - p), stdout);
}

int main(int argc, char** argv) {
  if (argc < 4) return 2;
  const int produce = strcmp(argv[1], "produce") == 0;
  const uint64_t count = strtoull(argv[3], NULL, 10);
  int fd = shm_open(argv[2], produce ? O_RDWR : O_RDONLY, 0);
  if (fd == -1) {
    perror("shm_open");
    return 1;
  }
  uint64_t* counter =
      mmap(NULL, sizeof *counter, produce ? PROT_READ | PROT_WRITE : PROT_READ, MAP_SHARED, fd, 0);
  if (counter == MAP_FAILED) {
    perror("mmap");
    return 1;
  }
  close(fd);
  static char buffer[1 << 16];
  setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
  if (!produce) {
    for (uint64_t i = 0; i < count; ++i) put(__atomic_load_n(counter, __ATOMIC_RELAXED));
    return fflush(stdout) != 0;
  }
  const char* sync = argv[4];
  sem_t* lock = NULL;
  if (strcmp(sync, "sem") == 0) {
    lock = sem_open(argc > 5 ? argv[5] : "/twin-lock", O_CREAT, 0600, 1);
    if (lock == SEM_FAILED) {
      perror("sem_open");
      return 1;
    }
  }
  const int atomic = strcmp(sync, "atomic") == 0;
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t value;
    if (atomic) {
      value = __atomic_add_fetch(counter, 1, __ATOMIC_RELAXED);
    } else {
      if (lock) sem_wait(lock);
      value = __atomic_load_n(counter, __ATOMIC_RELAXED) + 1;
      __atomic_store_n(counter, value, __ATOMIC_RELAXED);
      if (lock) sem_post(lock);
    }
    put(value);
  }
  return fflush(stdout) != 0;
}
