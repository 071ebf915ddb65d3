#include "cli/invocation.hpp"
#include "base/error.hpp"

#include <gtest/gtest.h>

using namespace ipcdemo;
using namespace std::chrono_literals;

namespace {
const GroupSpec group{
    .name = "demo",
    .summary = "demo group",
    .commands = {{.action = "run",
                  .summary = "run it",
                  .options = {{.flags = "-c,--count", .type = ValueType::count, .default_value = "3"},
                              {.flags = "-i,--interval", .type = ValueType::duration, .default_value = "1s"},
                              {.flags = "--sync", .type = ValueType::choice, .choices = {"racy", "atomic"}},
                              {.flags = "-x,--exclusive", .type = ValueType::flag}},
                  .arguments = {{.name = "FILE",
                                 .type = ValueType::path,
                                 .default_value = "/etc/passwd",
                                 .many = true}}}},
};
const CommandRef ref{&group, &group.commands.front()};
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
    Invocation(ref, {{"interval", {"soon"}}}).validate();
    FAIL() << "no error";
  } catch (const UsageError& error) {
    EXPECT_EQ(std::string(error.what()).rfind("--interval: 'soon' is not a duration", 0), 0U) << error.what();
    EXPECT_EQ(error.exit_code(), 2);
  }
  EXPECT_THROW(Invocation(ref, {{"sync", {"sloppy"}}}).validate(), UsageError);
  EXPECT_NO_THROW(Invocation(ref, {{"sync", {"atomic"}}}).validate());
}

TEST(SplitList, CommaListsAndRepeatsBecomeOneList) {
  EXPECT_EQ(ipcdemo::split_list({"shm,sem", "mq"}), (std::vector<std::string>{"shm", "sem", "mq"}));
  EXPECT_EQ(ipcdemo::split_list({"a,"}), (std::vector<std::string>{"a", ""}));
}
