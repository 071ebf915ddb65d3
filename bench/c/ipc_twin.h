// SPDX-License-Identifier: MIT
/* What every C twin of `ipcdemo bench` shares: the 24-byte sample, pinning, the
 * fork, the control page that hands batches to the child, warm-up, the median.
 * A twin defines setup(), parent_after_fork(), child_after_fork(), parent_run(n)
 * and child_run(n) (the same loops as src/bench/), then calls twin_main().
 * usage: TWIN split|same|any OPS_PER_REPETITION REPETITIONS [SIZE]
 * prints: MEDIAN UNIT   (ns per operation, or messages/s)
 * SIZE: bytes per message (ipcdemo bench --size), 24 by default; the sample
 * goes first, filler after it. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The payload: the 24-byte sample of ipcdemo-mq(1), as ipcdemo bench sends it. */
#include "sample.h"

static inline void die(const char* what) {
  perror(what);
  exit(1);
}

static inline int64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* The name of an object of this run; unlinked as soon as it is open. */
static inline const char* name_of(const char* tag) {
  static char names[8][64];
  static int next;
  char* name = names[next++ % 8];
  snprintf(name, 64, "/ipcdemo-twin-%d-%s", (int)getpid(), tag);
  return name;
}

static inline void* shared_segment(const char* tag, size_t size) {
  const char* name = name_of(tag);
  int fd = shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600);
  if (fd < 0) die("shm_open");
  shm_unlink(name);
  if (ftruncate(fd, (off_t)size) != 0) die("ftruncate");
  void* data = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (data == MAP_FAILED) die("mmap");
  close(fd);
  return data;
}

static inline sem_t* named_semaphore(const char* tag) {
  const char* name = name_of(tag);
  sem_t* sem = sem_open(name, O_CREAT | O_EXCL, 0600, 0);
  if (sem == SEM_FAILED) die("sem_open");
  sem_unlink(name);
  return sem;
}

/* Bytes per message (the optional SIZE argument). */
static size_t msg_size = sizeof(struct sample);

/* A message buffer of msg_size bytes, filler after the sample. */
static inline char* new_message(void) {
  char* m = malloc(msg_size);
  if (m == NULL) die("malloc");
  memset(m, 'x', msg_size);
  return m;
}
static inline void put_sample(char* m, int64_t seq, double value, uint32_t channel) {
  struct sample s = {.timestamp = seq, .value = value, .channel = channel};
  memcpy(m, &s, sizeof s);
}
static inline int64_t seq_of(const char* m) {
  struct sample s;
  memcpy(&s, m, sizeof s);
  return s.timestamp;
}

static inline mqd_t queue(const char* tag, long depth) {
  const char* name = name_of(tag);
  struct mq_attr attr = {.mq_maxmsg = depth, .mq_msgsize = (long)msg_size};
  mqd_t mq = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
  if (mq == (mqd_t)-1) die("mq_open");
  mq_unlink(name);
  return mq;
}

static inline long queue_depth(void) {
  long max = 10, value = 0;
  FILE* f = fopen("/proc/sys/fs/mqueue/msg_max", "r");
  if (f && fscanf(f, "%ld", &value) == 1 && value > 0 && value < max) max = value;
  if (f) fclose(f);
  return max;
}

/* Only one CPU for both processes: bounded spins are skipped, as ipcdemo does. */
static int one_cpu;
/* The second process, for the parent's side (signals are sent to a PID). */
static pid_t twin_child;

static void setup(void);
static void parent_after_fork(void);
static void child_after_fork(void);
static void parent_run(uint64_t n);
static void child_run(uint64_t n);

struct control {
  sem_t command, done;
  uint64_t batch, completed;
};

static void pin(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  if (sched_setaffinity(0, sizeof set, &set) != 0) die("sched_setaffinity");
}

static int compare(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return (x > y) - (x < y);
}

/* kind: 0 ns per operation, 1 messages/s, 2 bytes/s with bytes_per_op. */
static int twin_main(int argc, char** argv, int kind, double bytes_per_op) {
  if (argc != 4 && argc != 5) {
    fprintf(stderr, "usage: %s split|same|any OPS_PER_REPETITION REPETITIONS [SIZE]\n", argv[0]);
    return 2;
  }
  if (argc == 5) msg_size = strtoull(argv[4], NULL, 10);
  if (msg_size < sizeof(struct sample) || msg_size > 65536) return 2;
  const char* placement = argv[1];
  uint64_t ops = strtoull(argv[2], NULL, 10);
  int reps = atoi(argv[3]);
  if (ops == 0 || reps <= 0 || reps > 1000) return 2;
  cpu_set_t usable;
  if (sched_getaffinity(0, sizeof usable, &usable) != 0) die("sched_getaffinity");
  int cpus[2] = {-1, -1}, found = 0;
  for (int cpu = 0; cpu < CPU_SETSIZE && found < 2; ++cpu)
    if (CPU_ISSET(cpu, &usable)) cpus[found++] = cpu;
  int parent_cpu = -1, child_cpu = -1;
  if (strcmp(placement, "split") == 0) {
    if (found < 2) return 2;
    parent_cpu = cpus[0], child_cpu = cpus[1];
  } else if (strcmp(placement, "same") == 0) {
    parent_cpu = child_cpu = cpus[0];
    one_cpu = 1;
  } else {
    one_cpu = found < 2;
  }

  struct control* control =
      mmap(NULL, sizeof *control, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (control == MAP_FAILED) die("mmap");
  sem_init(&control->command, 1, 0);
  sem_init(&control->done, 1, 0);
  setup();
  if (parent_cpu >= 0) pin(parent_cpu);
  pid_t child = fork();
  if (child < 0) die("fork");
  if (child == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (child_cpu >= 0) pin(child_cpu);
    child_after_fork();
    for (;;) {
      while (sem_wait(&control->command) != 0) {
      }
      if (control->batch == 0) _exit(0);
      child_run(control->batch);
      control->completed += control->batch;
      sem_post(&control->done);
    }
  }
  twin_child = child;
  parent_after_fork();

  /* Warm-up: batches of the same size for 40 ms, at least one. */
  int64_t warm_start = now_ns();
  uint64_t done_ops = 0;
  do {
    control->batch = ops;
    sem_post(&control->command);
    parent_run(ops);
    while (sem_wait(&control->done) != 0) {
    }
    done_ops += ops;
  } while (now_ns() - warm_start < 40000000);

  double* figures = calloc((size_t)reps, sizeof *figures);
  for (int r = 0; r < reps; ++r) {
    control->batch = ops;
    sem_post(&control->command);
    int64_t start = now_ns();
    parent_run(ops);
    double seconds = (double)(now_ns() - start) / 1e9;
    while (sem_wait(&control->done) != 0) {
    }
    done_ops += ops;
    figures[r] = kind == 0   ? seconds * 1e9 / (double)ops
                 : kind == 1 ? (double)ops / seconds
                             : (double)ops * bytes_per_op / seconds;
  }
  control->batch = 0;
  sem_post(&control->command);
  int status = 0;
  waitpid(child, &status, 0);
  if (control->completed != done_ops) {
    fprintf(stderr, "%s: the child did %llu operations, the parent %llu\n", argv[0],
            (unsigned long long)control->completed, (unsigned long long)done_ops);
    return 1;
  }
  qsort(figures, (size_t)reps, sizeof *figures, compare);
  double median = reps % 2 ? figures[reps / 2] : (figures[reps / 2 - 1] + figures[reps / 2]) / 2;
  printf("%.6g %s\n", median, kind == 0 ? "ns" : kind == 1 ? "messages/s" : "bytes/s");
  free(figures);
  return 0;
}
