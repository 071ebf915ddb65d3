// SPDX-License-Identifier: MIT
#include "bench/stats.hpp"

#include <gtest/gtest.h>

using namespace ipcdemo::bench;

TEST(BenchStats, MedianOfOddAndEvenCounts) {
  EXPECT_DOUBLE_EQ(summarize({3, 1, 2}).median, 2);
  EXPECT_DOUBLE_EQ(summarize({4, 1, 3, 2}).median, 2.5);
  EXPECT_DOUBLE_EQ(summarize({7}).median, 7);
}

TEST(BenchStats, PercentilesInterpolateBetweenRanks) {
  // 0..10: the 10th percentile is 1 and the 90th is 9, exactly.
  const Summary s = summarize({10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0});
  EXPECT_DOUBLE_EQ(s.p10, 1);
  EXPECT_DOUBLE_EQ(s.median, 5);
  EXPECT_DOUBLE_EQ(s.p90, 9);
  EXPECT_EQ(s.count, 11U);
  // Two values: numpy's linear method gives 1.1 and 1.9.
  const Summary two = summarize({1, 2});
  EXPECT_DOUBLE_EQ(two.p10, 1.1);
  EXPECT_DOUBLE_EQ(two.p90, 1.9);
}

TEST(BenchStats, ASingleValueIsEveryPercentile) {
  const Summary s = summarize({42});
  EXPECT_DOUBLE_EQ(s.p10, 42);
  EXPECT_DOUBLE_EQ(s.p90, 42);
}

TEST(BenchStats, EmptyInputGivesZeroCount) {
  const Summary s = summarize({});
  EXPECT_EQ(s.count, 0U);
  EXPECT_DOUBLE_EQ(s.median, 0);
}

TEST(BenchStats, OutliersDoNotMoveTheMedian) {
  const Summary s = summarize({100, 101, 99, 100, 8'000'000});
  EXPECT_DOUBLE_EQ(s.median, 100);
}
