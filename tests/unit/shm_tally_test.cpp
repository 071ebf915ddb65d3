// SPDX-License-Identifier: MIT
#include "shm/tally.hpp"

#include <gtest/gtest.h>

using namespace ipcdemo::shm;

TEST(ShmTally, GroupsThousands) {
  EXPECT_EQ(grouped(0), "0");
  EXPECT_EQ(grouped(999), "999");
  EXPECT_EQ(grouped(1000), "1,000");
  EXPECT_EQ(grouped(602016), "602,016");
  EXPECT_EQ(grouped(4000000), "4,000,000");
}

TEST(ShmTally, SaysHowManyWereLostOfThoseAttempted) {
  EXPECT_EQ(describe({.counter = 3397984, .attempts = 4000000}),
            "counter 3,397,984 of 4,000,000 attempted: 602,016 lost (15.1%)");
  EXPECT_EQ(describe({.counter = 3400000, .attempts = 4000000}),
            "counter 3,400,000 of 4,000,000 attempted: 600,000 lost (15.0%)");
  EXPECT_EQ(describe({.counter = 5, .attempts = 5}), "counter 5 of 5 attempted: 0 lost (0.0%)");
  EXPECT_EQ(describe({.counter = 0, .attempts = 0}), "counter 0 of 0 attempted: 0 lost (0.0%)");
}

TEST(ShmTally, WithoutAttemptsNothingIsCalledLost) {
  const Tally old{.counter = 7, .attempts = std::nullopt};
  EXPECT_FALSE(old.lost());
  EXPECT_EQ(describe(old), "counter 7 (attempts: not recorded, the segment has room for the counter only)");
  const Tally foreign{.counter = 9, .attempts = 2};
  EXPECT_FALSE(foreign.lost()) << "a counter above its attempts was written by someone who does not count";
  EXPECT_EQ(
      describe(foreign),
      "counter 9 of 2 attempted: the counter is above its attempts, so something that does not count its "
      "attempts wrote it (such as the screenplay's own producer); nothing can be said of losses");
  EXPECT_EQ(describe(foreign).find("in flight"), std::string::npos);
}

TEST(ShmTally, WhileProducersRunADifferenceIsNotCalledALoss) {
  EXPECT_EQ(
      describe_running({.counter = 399998, .attempts = 400000}, "/race"),
      "counter 399,998 of 400,000 attempted; once every producer has ended, ipcdemo shm info /race counts "
      "what was lost");
  EXPECT_EQ(describe_running({.counter = 5, .attempts = 5}, "/race"),
            "counter 5 of 5 attempted: 0 lost (0.0%)");
  EXPECT_EQ(describe_running({.counter = 7, .attempts = std::nullopt}, "/race"), describe({.counter = 7}));
}
