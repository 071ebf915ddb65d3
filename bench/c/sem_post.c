// SPDX-License-Identifier: MIT
/* The C twin of `ipcdemo sem post NAME`: sem_open, sem_post, sem_close. */
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>

int main(int argc, char** argv) {
  const char* name = argc > 1 ? argv[1] : "/meine-semaphore";
  sem_t* sem = sem_open(name, O_RDWR);
  if (sem == SEM_FAILED) { perror("sem_open"); return 1; }
  if (sem_post(sem) != 0) { perror("sem_post"); return 1; }
  sem_close(sem);
  return 0;
}
