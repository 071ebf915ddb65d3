// SPDX-License-Identifier: MIT
/* Twin of the object costs of `ipcdemo bench`, in one process, each call timed
 * on its own (the clean-up between calls is not counted):
 *   sem-open-new       sem_open(O_CREAT|O_EXCL)       (then sem_close, sem_unlink)
 *   sem-open-existing  sem_open of an existing one    (then sem_close)
 *   shm-create         shm_open+ftruncate+mmap+unlink+munmap+close
 *   mq-open            mq_open+mq_close of an existing queue
 * usage: ipc_objects NAME OPS_PER_REPETITION REPETITIONS; prints: MEDIAN ns */
#define _GNU_SOURCE
#include <fcntl.h>
#include <mqueue.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void die(const char* what) {
  perror(what);
  exit(1);
}

static char name[64];

static int64_t one(const char* what) {
  int64_t start = now_ns(), elapsed;
  if (strcmp(what, "sem-open-new") == 0) {
    sem_t* sem = sem_open(name, O_CREAT | O_EXCL, 0600, 0);
    elapsed = now_ns() - start;
    if (sem == SEM_FAILED) die("sem_open");
    sem_close(sem);
    sem_unlink(name);
  } else if (strcmp(what, "sem-open-existing") == 0) {
    sem_t* sem = sem_open(name, 0);
    elapsed = now_ns() - start;
    if (sem == SEM_FAILED) die("sem_open");
    sem_close(sem);
  } else if (strcmp(what, "shm-create") == 0) {
    int fd = shm_open(name, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0) die("shm_open");
    if (ftruncate(fd, 4096) != 0) die("ftruncate");
    void* data = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    shm_unlink(name);
    if (data == MAP_FAILED) die("mmap");
    munmap(data, 4096);
    elapsed = now_ns() - start;
  } else {
    mqd_t mq = mq_open(name, O_RDWR | O_CLOEXEC);
    if (mq == (mqd_t)-1) die("mq_open");
    mq_close(mq);
    elapsed = now_ns() - start;
  }
  return elapsed;
}

static int compare(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return (x > y) - (x < y);
}

int main(int argc, char** argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s sem-open-new|sem-open-existing|shm-create|mq-open OPS REPETITIONS\n", argv[0]);
    return 2;
  }
  const char* what = argv[1];
  long ops = atol(argv[2]);
  int reps = atoi(argv[3]);
  if (ops <= 0 || reps <= 0 || reps > 1000) return 2;
  snprintf(name, sizeof name, "/ipcdemo-twin-%d-%s", (int)getpid(), what);
  if (strcmp(what, "sem-open-existing") == 0) {
    sem_t* sem = sem_open(name, O_CREAT | O_EXCL, 0600, 0);
    if (sem == SEM_FAILED) die("sem_open");
    sem_close(sem);
  } else if (strcmp(what, "mq-open") == 0) {
    struct mq_attr attr = {.mq_maxmsg = 10, .mq_msgsize = 24};
    FILE* f = fopen("/proc/sys/fs/mqueue/msg_max", "r");
    long max = 0;
    if (f && fscanf(f, "%ld", &max) == 1 && max > 0 && max < 10) attr.mq_maxmsg = max;
    if (f) fclose(f);
    mqd_t mq = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
    if (mq == (mqd_t)-1) die("mq_open");
    mq_close(mq);
  }
  /* Warm-up: 40 ms of the same operation. */
  for (int64_t start = now_ns(); now_ns() - start < 40000000;) one(what);
  double* figures = calloc((size_t)reps, sizeof *figures);
  for (int r = 0; r < reps; ++r) {
    int64_t total = 0;
    for (long i = 0; i < ops; ++i) total += one(what);
    figures[r] = (double)total / (double)ops;
  }
  if (strcmp(what, "sem-open-existing") == 0) sem_unlink(name);
  if (strcmp(what, "mq-open") == 0) mq_unlink(name);
  qsort(figures, (size_t)reps, sizeof *figures, compare);
  printf("%.6g ns\n", reps % 2 ? figures[reps / 2] : (figures[reps / 2 - 1] + figures[reps / 2]) / 2);
  free(figures);
  return 0;
}
