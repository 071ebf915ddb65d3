// SPDX-License-Identifier: MIT
// The tour's scenes name commands and options as data: every one must be a
// command the registry has, with options it takes, or the tour would teach (and
// run) something the tool does not do.
#include "cli/spec.hpp"
#include "tour/scenes.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace ipcdemo;

namespace {

const CommandSpec* command_named(std::string_view group_name, std::string_view action) {
  for (const auto& group : registry())
    if (group.name == group_name)
      for (const auto& command : group.commands)
        if (command.action == action || (command.action.empty() && action.empty())) return &command;
  return nullptr;
}

bool takes_option(const CommandSpec& command, std::string_view option) {
  for (const auto& spec : command.all_options())
    if (spec.key() == option) return true;
  return false;
}

} // namespace

TEST(TourScenes, EveryStepRunsACommandWithOptionsItTakes) {
  const auto scenes = tour::all_scenes(tour::tour_names(1234, "0123abcd"));
  ASSERT_FALSE(scenes.empty());
  for (const auto& scene : scenes) {
    for (const auto& step : scene.steps) {
      if (step.args.empty()) continue;
      SCOPED_TRACE(scene.name + ": " + step.args.front() + " ...");
      std::size_t at = 0;
      while (at < step.args.size() && step.args[at].starts_with("-")) ++at; // -v, --strace
      ASSERT_LT(at, step.args.size());
      const std::string& group = step.args[at];
      const bool has_action = at + 1 < step.args.size() && !step.args[at + 1].starts_with("-") &&
                              command_named(group, step.args[at + 1]) != nullptr;
      const CommandSpec* command = command_named(group, has_action ? step.args[at + 1] : "");
      ASSERT_NE(command, nullptr) << "no command " << group;
      for (std::size_t i = at + 1; i < step.args.size(); ++i) {
        if (!step.args[i].starts_with("--")) continue;
        EXPECT_TRUE(takes_option(*command, std::string_view(step.args[i]).substr(2)))
            << group << " has no " << step.args[i];
      }
    }
  }
}
