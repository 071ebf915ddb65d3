// The screenplay's measurement sample (channel, timestamp, value): 24 bytes, the
// payload of every bench exchange. The timestamp field carries a sequence number
// so that each side can check it got every message, in order.
#pragma once

#include <cstdint>
#include <ctime>

namespace ipcdemo::bench {

struct Sample {
  std::int32_t channel;   // 4 bytes, then 4 bytes of padding: alignment :-)
  std::int64_t timestamp; // the sequence number
  double value;
};
static_assert(sizeof(Sample) == 24, "the screenplay's sample is 24 bytes");

inline constexpr std::int32_t ping_channel = 7;
inline constexpr std::int32_t pong_channel = 8;

// CLOCK_MONOTONIC in nanoseconds (a vDSO call, about 20 ns, never inside a timed loop).
inline std::int64_t now_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

} // namespace ipcdemo::bench
