// SPDX-License-Identifier: MIT
#include "cli/mentions.hpp"

#include <gtest/gtest.h>

using namespace ipcdemo;
using cli::Mentions;

namespace {

const CommandSpec consume{
    .action = "consume",
    .summary = "read",
    .options = {{.flags = "-c,--count", .type = ValueType::count, .help = "how many"},
                {.flags = "-i,--interval", .type = ValueType::duration, .help = "pause"},
                {.flags = "-x,--exact", .help = "a flag"}},
};

} // namespace

TEST(Mentions, WordsThatNameNoOptionBindNone) {
  const Mentions mentions({"shm", "consume", "/demo"}, &consume);
  EXPECT_FALSE(mentions.binds("-c,--count"));
  EXPECT_FALSE(mentions.binds("-v,--verbose"));
  EXPECT_FALSE(mentions.binds("-h,--help"));
}

TEST(Mentions, BindsTheOptionsNamedShortLongOrClustered) {
  const Mentions mentions({"-q", "shm", "consume", "/demo", "--count=3", "-xi5"}, &consume);
  EXPECT_TRUE(mentions.binds("-q,--quiet"));
  EXPECT_TRUE(mentions.binds("-c,--count"));
  EXPECT_TRUE(mentions.binds("-x,--exact"));
  EXPECT_TRUE(mentions.binds("-i,--interval"));
  EXPECT_FALSE(mentions.binds("-v,--verbose"));
}

TEST(Mentions, AnOptionsValueIsNotReadAsAnOption) {
  const Mentions mentions({"shm", "consume", "-c", "-5"}, &consume);
  EXPECT_TRUE(mentions.binds("-c,--count"));
  EXPECT_FALSE(mentions.binds("-i,--interval")); // "-5" is -c's value, not an unknown option
}

TEST(Mentions, AWordNamingNoOptionBindsEverythingForCli11sMessage) {
  const Mentions mentions({"shm", "consume", "--cuont", "3"}, &consume);
  EXPECT_TRUE(mentions.binds("-c,--count"));
  EXPECT_TRUE(mentions.binds("-v,--verbose"));
}

TEST(Mentions, HelpBindsEverythingItLists) {
  const Mentions mentions({"shm", "consume", "--help"}, &consume);
  EXPECT_TRUE(mentions.binds("-i,--interval"));
  EXPECT_TRUE(mentions.binds("--log-level"));
}

TEST(Mentions, WordsAfterTheEndOfOptionsAreArguments) {
  const Mentions mentions({"shm", "consume", "--", "-c"}, &consume);
  EXPECT_FALSE(mentions.binds("-c,--count"));
}

TEST(Mentions, WithoutACommandEverythingIsBound) {
  const Mentions mentions({"shm"}, nullptr);
  EXPECT_TRUE(mentions.binds("-q,--quiet"));
}
