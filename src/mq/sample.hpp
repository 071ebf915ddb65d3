// SPDX-License-Identifier: MIT
// The sample layout: the contract between ipcdemo and any other program that
// sends or receives measurement samples over a message queue (the screenplay's
// "flat C struct": channel, timestamp, value). It is documented byte for byte in
// ipcdemo-mq(1); the static_asserts below keep this definition and that table equal.
//
//   offset  type     field      meaning
//   0       int64    timestamp  CLOCK_REALTIME, nanoseconds since the Unix epoch
//   8       double   value      the measured value (IEEE 754 binary64)
//   16      uint32   channel    the channel number
//   20      uint32   reserved   always 0
//
// 24 bytes, host byte order, 8-byte aligned, no implicit padding.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <span>
#include <type_traits>

namespace ipcdemo::mq {

struct Sample {
  std::int64_t timestamp = 0; // ns since the epoch, CLOCK_REALTIME
  double value = 0.0;
  std::uint32_t channel = 0;
  std::uint32_t reserved = 0; // always 0: no byte of a message is left uninitialised
};

static_assert(std::numeric_limits<double>::is_iec559, "the layout says IEEE 754 binary64");
static_assert(sizeof(double) == 8);
static_assert(std::is_standard_layout_v<Sample> && std::is_trivially_copyable_v<Sample>);
static_assert(sizeof(Sample) == 24, "one sample is 24 bytes");
static_assert(alignof(Sample) == 8, "8-byte aligned");
static_assert(offsetof(Sample, timestamp) == 0);
static_assert(offsetof(Sample, value) == 8);
static_assert(offsetof(Sample, channel) == 16);
static_assert(offsetof(Sample, reserved) == 20);
// The four fields fill the struct: there is no padding a sender could leak.
static_assert(sizeof(Sample::timestamp) + sizeof(Sample::value) + sizeof(Sample::channel) +
                  sizeof(Sample::reserved) ==
              sizeof(Sample));

inline constexpr std::size_t sample_size = sizeof(Sample);

using SampleBytes = std::array<std::byte, sample_size>;

// The message bytes of a sample: every byte written field by field, reserved as 0.
inline SampleBytes encode(const Sample& sample) {
  SampleBytes bytes{};
  std::memcpy(bytes.data() + offsetof(Sample, timestamp), &sample.timestamp, sizeof sample.timestamp);
  std::memcpy(bytes.data() + offsetof(Sample, value), &sample.value, sizeof sample.value);
  std::memcpy(bytes.data() + offsetof(Sample, channel), &sample.channel, sizeof sample.channel);
  const std::uint32_t reserved = 0;
  std::memcpy(bytes.data() + offsetof(Sample, reserved), &reserved, sizeof reserved);
  return bytes;
}

// A message of exactly sample_size bytes read as a sample (memcpy: the receive
// buffer need not be aligned).
inline Sample decode(std::span<const std::byte, sample_size> bytes) {
  Sample sample;
  std::memcpy(&sample, bytes.data(), sample_size);
  return sample;
}

} // namespace ipcdemo::mq
