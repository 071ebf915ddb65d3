// SPDX-License-Identifier: MIT
#include "mq/sample.hpp"

#include <cstring>

#include <gtest/gtest.h>

using namespace ipcdemo::mq;

TEST(MqSample, EncodesEveryFieldAtItsDocumentedOffset) {
  const Sample sample{.timestamp = 0x0102030405060708, .value = 42.0, .channel = 7, .reserved = 0};
  const SampleBytes bytes = encode(sample);
  std::int64_t timestamp = 0;
  double value = 0;
  std::uint32_t channel = 0;
  std::uint32_t reserved = 1;
  std::memcpy(&timestamp, bytes.data() + 0, 8);
  std::memcpy(&value, bytes.data() + 8, 8);
  std::memcpy(&channel, bytes.data() + 16, 4);
  std::memcpy(&reserved, bytes.data() + 20, 4);
  EXPECT_EQ(timestamp, 0x0102030405060708);
  EXPECT_EQ(value, 42.0);
  EXPECT_EQ(channel, 7U);
  EXPECT_EQ(reserved, 0U);
}

TEST(MqSample, ReservedIsAlwaysSentAsZero) {
  const SampleBytes bytes = encode({.timestamp = 1, .value = 2, .channel = 3, .reserved = 0xffffffff});
  for (std::size_t i = 20; i < 24; ++i) EXPECT_EQ(bytes[i], std::byte{0});
}

TEST(MqSample, DecodesWhatItEncodes) {
  const Sample in{.timestamp = -5, .value = -0.125, .channel = 4294967295U, .reserved = 0};
  const Sample out = decode(encode(in));
  EXPECT_EQ(out.timestamp, in.timestamp);
  EXPECT_EQ(out.value, in.value);
  EXPECT_EQ(out.channel, in.channel);
  EXPECT_EQ(out.reserved, 0U);
}
