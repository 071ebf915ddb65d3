// SPDX-License-Identifier: MIT
#include "base/error.hpp"
#include "cli/invocation.hpp"
#include "cli/parse.hpp"
#include "cli/spec.hpp"

#include <set>

#include <gtest/gtest.h>

using namespace ipcdemo;

TEST(Registry, EveryCommandIsFullyDescribed) {
  for (const auto& ref : all_commands()) {
    SCOPED_TRACE(ref.path());
    EXPECT_FALSE(ref.group->summary.empty());
    EXPECT_FALSE(ref.command->summary.empty());
    EXPECT_GT(ref.command->examples.size(), 0U) << "help shows examples";
    EXPECT_NE(ref.command->handler, nullptr);
    for (const auto& example : ref.command->examples)
      EXPECT_TRUE(example.find(ref.group->name) != std::string_view::npos);
  }
}

TEST(Registry, ToolNamesAreGroupDashActionAndUnique) {
  const auto names = tool_names();
  ASSERT_FALSE(names.empty());
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size());
  EXPECT_NE(std::find(names.begin(), names.end(), "mmap-cat"), names.end());
}

TEST(Registry, TopLevelCommandsGetNoToolName) {
  GroupSpec ls{.name = "ls", .summary = "list", .commands = {{.action = "", .summary = "list"}}};
  GroupSpec shm{.name = "shm", .summary = "s", .commands = {{.action = "produce", .summary = "p"}}};
  const std::vector<GroupSpec> groups = {ls, shm};
  EXPECT_EQ(tool_names(groups), std::vector<std::string>{"shm-produce"});
  EXPECT_TRUE(groups[0].is_single_command());
}

TEST(Registry, FindsToolsWithAndWithoutThePrefix) {
  const auto commands = all_commands();
  const CommandRef* plain = find_tool("mmap-cat", commands);
  ASSERT_NE(plain, nullptr);
  EXPECT_EQ(plain->path(), "mmap cat");
  EXPECT_EQ(find_tool("ipcdemo-mmap-cat", commands), plain);
  EXPECT_EQ(find_tool("mmap", commands), nullptr);
  EXPECT_EQ(find_tool("ls", commands), nullptr);
  EXPECT_EQ(find_tool("ipcdemo-", commands), nullptr);
}

TEST(Registry, OptionKeysAreLongNames) {
  EXPECT_EQ((OptionSpec{.flags = "-c,--count"}).key(), "count");
  EXPECT_EQ((OptionSpec{.flags = "--log-level"}).key(), "log-level");
}

TEST(Registry, DefaultsParseAsTheirType) {
  // A default that its own parser rejects would only fail when a user leaves the option out.
  for (const auto& ref : all_commands()) {
    EXPECT_NO_THROW(Invocation(ref, {})); // the defaults are parsed, and must be valid
    for (const auto& option : ref.command->options) {
      if (option.default_value.empty()) continue;
      SCOPED_TRACE(std::string(ref.path()) + " --" + std::string(option.key()));
      std::map<std::string, std::vector<std::string>, std::less<>> given{
          {std::string(option.key()), {std::string(option.default_value)}}};
      EXPECT_NO_THROW(Invocation(ref, given));
    }
  }
}

TEST(Registry, AGroupBuiltAloneIsTheGroupOfThatName) {
  for (const auto& group : registry()) {
    SCOPED_TRACE(group.name);
    const auto alone = group_named(group.name);
    ASSERT_EQ(alone.size(), 1U);
    EXPECT_EQ(alone.front().name, group.name);
    EXPECT_EQ(alone.front().commands.size(), group.commands.size());
  }
  EXPECT_TRUE(group_named("nosuchgroup").empty());
  EXPECT_TRUE(group_named("").empty());
}
