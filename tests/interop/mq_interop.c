// SPDX-License-Identifier: MIT
/* A C program written from the sample layout table in ipcdemo-mq(1) alone: it
 * includes nothing of ipcdemo, only its own copy of the table below. The
 * end-to-end tests (tests/e2e/mq.bats) use it to exchange samples with ipcdemo
 * in both directions, so that a change of the layout breaks a test.
 *
 *   offset  type                field      meaning
 *   0       int64               timestamp  CLOCK_REALTIME, nanoseconds since the Unix epoch
 *   8       double (IEEE 754)   value      the measured value
 *   16      uint32              channel    the channel number
 *   20      uint32              reserved   always 0
 *
 *   24 bytes, host byte order, 8-byte aligned, no implicit padding.
 *
 * Usage: mq_interop send NAME CHANNEL VALUE [PRIO]
 *        mq_interop recv NAME
 *        mq_interop screenplay-send NAME
 *
 * screenplay-send does what the screenplay's producer does: timestamp =
 * time(NULL), seconds since the epoch, not the nanoseconds of the layout.
 */
#include <fcntl.h>
#include <mqueue.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct sample {
  int64_t timestamp;
  double value;
  uint32_t channel;
  uint32_t reserved;
};

_Static_assert(sizeof(struct sample) == 24, "24 bytes");
_Static_assert(alignof(struct sample) == 8, "8-byte aligned");
_Static_assert(offsetof(struct sample, timestamp) == 0, "timestamp at 0");
_Static_assert(offsetof(struct sample, value) == 8, "value at 8");
_Static_assert(offsetof(struct sample, channel) == 16, "channel at 16");
_Static_assert(offsetof(struct sample, reserved) == 20, "reserved at 20");

static int send_sample(const char* name, const char* channel, const char* value, const char* prio) {
  mqd_t q = mq_open(name, O_WRONLY);
  if (q == (mqd_t)-1) {
    perror("mq_open");
    return 1;
  }
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  struct sample s;
  memset(&s, 0, sizeof s); /* no uninitialised byte goes out */
  s.timestamp = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
  s.value = strtod(value, NULL);
  s.channel = (uint32_t)strtoul(channel, NULL, 10);
  s.reserved = 0;
  if (mq_send(q, (const char*)&s, sizeof s, (unsigned)strtoul(prio, NULL, 10)) != 0) {
    perror("mq_send");
    return 1;
  }
  printf("timestamp=%lld\n", (long long)s.timestamp);
  mq_close(q);
  return 0;
}

static int receive_sample(const char* name) {
  mqd_t q = mq_open(name, O_RDONLY);
  if (q == (mqd_t)-1) {
    perror("mq_open");
    return 1;
  }
  struct mq_attr attr;
  if (mq_getattr(q, &attr) != 0) {
    perror("mq_getattr");
    return 1;
  }
  char* buffer = malloc((size_t)attr.mq_msgsize); /* the buffer must hold mq_msgsize */
  if (buffer == NULL) return 1;
  unsigned prio = 0;
  ssize_t got = mq_receive(q, buffer, (size_t)attr.mq_msgsize, &prio);
  if (got == -1) {
    perror("mq_receive");
    return 1;
  }
  if (got != (ssize_t)sizeof(struct sample)) {
    fprintf(stderr, "mq_interop: a %zd-byte message is not a sample\n", got);
    return 1;
  }
  struct sample s;
  memcpy(&s, buffer, sizeof s);
  free(buffer);
  printf("prio=%u channel=%u timestamp=%lld value=%.17g reserved=%u\n", prio, s.channel,
         (long long)s.timestamp, s.value, s.reserved);
  mq_close(q);
  return 0;
}

/* The screenplay's producer: value 42.0, channel 7, timestamp = time(NULL).
 * (The screenplay leaves the struct's other bytes uninitialised; here they are 0,
 * so that the test's expectations do not depend on what the stack held.) */
static int send_screenplay_sample(const char* name) {
  mqd_t q = mq_open(name, O_WRONLY);
  if (q == (mqd_t)-1) {
    perror("mq_open");
    return 1;
  }
  struct sample msg;
  memset(&msg, 0, sizeof msg);
  msg.timestamp = time(NULL); /* seconds since epoch, roughly */
  msg.value = 42.0;
  msg.channel = 7;
  if (mq_send(q, (const char*)&msg, sizeof msg, 0) != 0) {
    perror("mq_send");
    return 1;
  }
  printf("timestamp=%lld\n", (long long)msg.timestamp);
  mq_close(q);
  return 0;
}

int main(int argc, char** argv) {
  if (argc >= 5 && strcmp(argv[1], "send") == 0)
    return send_sample(argv[2], argv[3], argv[4], argc >= 6 ? argv[5] : "0");
  if (argc == 3 && strcmp(argv[1], "recv") == 0) return receive_sample(argv[2]);
  if (argc == 3 && strcmp(argv[1], "screenplay-send") == 0) return send_screenplay_sample(argv[2]);
  fprintf(stderr, "usage: mq_interop send NAME CHANNEL VALUE [PRIO] | mq_interop recv NAME | "
                  "mq_interop screenplay-send NAME\n");
  return 2;
}
