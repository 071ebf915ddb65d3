// SPDX-License-Identifier: MIT
/* The C twin of `ipcdemo mq send NAME --count N`: N samples (channel 7, value
 * 42.0, priority 0), each stamped when it is sent. Usage: mq_send NAME N */
#include "sample.h"

#include <fcntl.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: mq_send NAME N\n");
    return 2;
  }
  long n = atol(argv[2]);
  mqd_t q = mq_open(argv[1], O_WRONLY);
  if (q == (mqd_t)-1) {
    perror("mq_open");
    return 1;
  }
  for (long i = 0; i < n; ++i) {
    struct sample s;
    memset(&s, 0, sizeof s);
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    s.timestamp = (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
    s.value = 42.0;
    s.channel = 7;
    if (mq_send(q, (const char*)&s, sizeof s, 0) != 0) {
      perror("mq_send");
      return 1;
    }
  }
  mq_close(q);
  return 0;
}
