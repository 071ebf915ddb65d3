// SPDX-License-Identifier: MIT
/* The C twin of `ipcdemo mq recv NAME --count N`: the same mq_receive loop into a
 * buffer of mq_msgsize bytes, printing the same lines (prio, channel, ISO 8601
 * timestamp with the raw integer, value, latency) through stdio.
 * Usage: mq_recv NAME N */
#define _GNU_SOURCE
#include "sample.h"

#include <fcntl.h>
#include <math.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void print_latency(int64_t ns) {
  const char* sign = ns < 0 ? "-" : "";
  double m = fabs((double)ns);
  if (m < 1e3)
    printf("latency: %s%lld ns\n", sign, (long long)m);
  else if (m < 1e6)
    printf("latency: %s%.1f µs\n", sign, m / 1e3);
  else if (m < 1e9)
    printf("latency: %s%.1f ms\n", sign, m / 1e6);
  else
    printf("latency: %s%.2f s\n", sign, m / 1e9);
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: mq_recv NAME N\n");
    return 2;
  }
  long n = atol(argv[2]);
  mqd_t q = mq_open(argv[1], O_RDONLY);
  if (q == (mqd_t)-1) {
    perror("mq_open");
    return 1;
  }
  struct mq_attr attr;
  if (mq_getattr(q, &attr) != 0) {
    perror("mq_getattr");
    return 1;
  }
  char* buffer = malloc((size_t)attr.mq_msgsize);
  for (long i = 0; i < n; ++i) {
    unsigned prio;
    ssize_t got = mq_receive(q, buffer, (size_t)attr.mq_msgsize, &prio);
    if (got < 0) {
      perror("mq_receive");
      return 1;
    }
    int64_t received = now_ns();
    if (i > 0) putchar('\n');
    printf("prio: %u\n", prio);
    if (got != (ssize_t)sizeof(struct sample)) {
      printf("length: %zd bytes\n", got);
      continue;
    }
    struct sample s;
    memcpy(&s, buffer, sizeof s);
    time_t secs = (time_t)(s.timestamp / 1000000000);
    struct tm parts;
    gmtime_r(&secs, &parts);
    printf("channel: %u\ntimestamp: %04d-%02d-%02dT%02d:%02d:%02d.%09lldZ (%lld)\nvalue: %.17g\n", s.channel,
           parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
           (long long)(s.timestamp % 1000000000), (long long)s.timestamp, s.value);
    print_latency(received - s.timestamp);
  }
  free(buffer);
  mq_close(q);
  return 0;
}
