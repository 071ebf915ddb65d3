// SPDX-License-Identifier: MIT
// The payload of every bench exchange: the 24-byte sample of ipcdemo-mq(1), with
// no padding, so no uninitialised byte is ever sent. The timestamp field carries
// a sequence number so that each side can check it got every message, in order.
#pragma once

#include "mq/sample.hpp"

#include <cstdint>
#include <ctime>

namespace ipcdemo::bench {

using Sample = mq::Sample;

inline constexpr std::uint32_t ping_channel = 7;
inline constexpr std::uint32_t pong_channel = 8;

inline Sample make_sample(std::uint32_t channel, std::int64_t seq, double value) {
  return {.timestamp = seq, .value = value, .channel = channel};
}

// Whether `sample` is the one of `channel` with sequence number `seq`.
inline bool is(const Sample& sample, std::uint32_t channel, std::int64_t seq) {
  return sample.channel == channel && sample.timestamp == seq;
}

// CLOCK_MONOTONIC in nanoseconds (a vDSO call, about 20 ns, never inside a timed loop).
inline std::int64_t now_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

} // namespace ipcdemo::bench
