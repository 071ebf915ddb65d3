// SPDX-License-Identifier: MIT
#include "cli/invocation.hpp"
#include "base/error.hpp"

#include <gtest/gtest.h>

using namespace ipcdemo;
using namespace std::chrono_literals;

namespace {
constexpr std::string_view sync_choices[] = {"racy", "atomic"};
const GroupSpec group{
    .name = "demo",
    .summary = "demo group",
    .commands = {{.action = "run",
                  .summary = "run it",
                  .options = {{.flags = "-c,--count", .type = ValueType::count, .default_value = "3"},
                              {.flags = "--size",
                               .type = ValueType::size,
                               .default_value = "4096",
                               .min = 8,
                               .range_error = "{option} {value}: at least {min} bytes"},
                              {.flags = "-r,--repetitions", .type = ValueType::count, .min = 1, .max = 1000},
                              {.flags = "-t,--timeout", .type = ValueType::duration},
                              {.flags = "-i,--interval", .type = ValueType::duration, .default_value = "1s"},
                              {.flags = "--sync", .type = ValueType::choice, .choices = sync_choices},
                              {.flags = "-x,--exclusive", .type = ValueType::flag}},
                  .arguments = {{.name = "FILE",
                                 .type = ValueType::path,
                                 .default_value = "/etc/passwd",
                                 .many = true}}}},
};
const CommandRef ref{&group, group.commands.begin()};
} // namespace

TEST(Invocation, FallsBackToRegistryDefaults) {
  const Invocation invocation(ref, {});
  EXPECT_EQ(invocation.count("count"), 3U);
  EXPECT_EQ(invocation.duration("interval"), 1s);
  EXPECT_FALSE(invocation.flag("exclusive"));
  EXPECT_EQ(invocation.texts("FILE"), std::vector<std::string>{"/etc/passwd"});
  EXPECT_FALSE(invocation.given("count"));
}

TEST(Invocation, ReturnsGivenValues) {
  const Invocation invocation(ref, {{"count", {"9"}}, {"exclusive", {"1", "1"}}, {"FILE", {"a", "b"}}});
  EXPECT_EQ(invocation.count("count"), 9U);
  EXPECT_EQ(invocation.flag_count("exclusive"), 2U);
  EXPECT_EQ(invocation.texts("FILE"), (std::vector<std::string>{"a", "b"}));
}

TEST(Invocation, ValidationNamesTheOption) {
  try {
    Invocation(ref, {{"interval", {"soon"}}});
    FAIL() << "no error";
  } catch (const UsageError& error) {
    EXPECT_EQ(std::string(error.what()).rfind("--interval: 'soon' is not a duration", 0), 0U) << error.what();
    EXPECT_EQ(error.exit_code(), 2);
  }
  EXPECT_THROW(Invocation(ref, {{"sync", {"sloppy"}}}), UsageError);
  EXPECT_NO_THROW(Invocation(ref, {{"sync", {"atomic"}}}));
}

TEST(Invocation, ValuesAreParsedOnceAtConstruction) {
  // A bad value fails when the invocation is made, not when a handler reads it.
  EXPECT_THROW(Invocation(ref, {{"count", {"many"}}}), UsageError);
  // Every value of a repeated option is checked, though the last one counts.
  EXPECT_THROW(Invocation(ref, {{"count", {"x", "4"}}}), UsageError);
  const Invocation invocation(ref, {{"count", {"2", "4"}}, {"size", {"1K"}}});
  EXPECT_EQ(invocation.count("count"), 4U);
  EXPECT_EQ(invocation.size("size"), 1024U);
  EXPECT_EQ(invocation.text("size"), "1K"); // the user's spelling, for messages
}

TEST(Invocation, RangesDeclaredWithTheOptionAreUsageErrors) {
  try {
    Invocation(ref, {{"size", {"7"}}});
    FAIL() << "no error";
  } catch (const UsageError& error) {
    EXPECT_STREQ(error.what(), "--size 7: at least 8 bytes");
  }
  try {
    Invocation(ref, {{"repetitions", {"1001"}}});
    FAIL() << "no error";
  } catch (const UsageError& error) {
    EXPECT_STREQ(error.what(), "--repetitions: 1001 is not from 1 to 1000");
  }
  EXPECT_EQ(Invocation(ref, {{"repetitions", {"1000"}}}).count("repetitions"), 1000U);
  EXPECT_THROW(Invocation(ref, {{"repetitions", {"0"}}}), UsageError);
}

TEST(Invocation, AnUndeclaredKeyIsAnInternalErrorNamingKeyAndCommand) {
  const Invocation invocation(ref, {});
  try {
    (void)invocation.count("cuont"); // a typo in a handler
    FAIL() << "no error";
  } catch (const InternalError& error) {
    EXPECT_EQ(error.exit_code(), 70);
    EXPECT_NE(std::string(error.what()).find("'cuont'"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("'demo run'"), std::string::npos) << error.what();
  }
  EXPECT_THROW((void)invocation.given("sise"), InternalError);
  EXPECT_THROW((void)invocation.flag("exclusiv"), InternalError);
  EXPECT_THROW((void)invocation.text("FILES"), InternalError);
}

TEST(Invocation, TheWrongAccessorIsAnInternalError) {
  const Invocation invocation(ref, {{"timeout", {"2s"}}});
  EXPECT_THROW((void)invocation.size("count"), InternalError);     // a count read as a size
  EXPECT_THROW((void)invocation.count("interval"), InternalError); // a duration read as a count
  EXPECT_THROW((void)invocation.flag("count"), InternalError);
  EXPECT_THROW((void)invocation.text("exclusive"), InternalError);
  EXPECT_EQ(invocation.duration("timeout"), 2s);
}

TEST(Invocation, ReadingAnAbsentValueWithoutDefaultIsAnInternalError) {
  const Invocation invocation(ref, {});
  EXPECT_FALSE(invocation.given("timeout"));
  EXPECT_THROW((void)invocation.duration("timeout"), InternalError);
  EXPECT_EQ(invocation.text("timeout"), "");
}

TEST(Invocation, AGivenKeyTheCommandDoesNotDeclareIsAnInternalError) {
  EXPECT_THROW(Invocation(ref, {{"colour", {"red"}}}), InternalError);
}

TEST(SplitList, CommaListsAndRepeatsBecomeOneList) {
  EXPECT_EQ(ipcdemo::split_list({"shm,sem", "mq"}), (std::vector<std::string>{"shm", "sem", "mq"}));
  EXPECT_EQ(ipcdemo::split_list({"a,"}), (std::vector<std::string>{"a", ""}));
}
