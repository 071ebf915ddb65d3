// SPDX-License-Identifier: MIT
/* The sample layout of ipcdemo-mq(1), copied from the man page's table. */
#ifndef BENCH_SAMPLE_H
#define BENCH_SAMPLE_H
#include <stddef.h>
#include <stdint.h>

struct sample {
  int64_t timestamp; /* 0: CLOCK_REALTIME ns since the Unix epoch */
  double value;      /* 8: IEEE 754 binary64 */
  uint32_t channel;  /* 16 */
  uint32_t reserved; /* 20: always 0 */
};
_Static_assert(sizeof(struct sample) == 24, "24 bytes");
_Static_assert(offsetof(struct sample, channel) == 16, "channel at 16");
#endif
