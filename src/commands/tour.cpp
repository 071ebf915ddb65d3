// SPDX-License-Identifier: MIT
// tour: the screenplay as a narrated, runnable walkthrough.
#include "commands/groups.hpp"

#include "base/error.hpp"
#include "cli/invocation.hpp"
#include "tour/runner.hpp"

#include <unistd.h>

#include <fmt/format.h>

namespace ipcdemo::commands {

namespace {

int tour(const Invocation& invocation) {
  const auto names = tour::unused_tour_names(static_cast<int>(::getpid()));
  const auto scenes = tour::all_scenes(names);
  if (invocation.flag("list-scenes")) {
    for (const auto& scene : scenes) fmt::print("{:<8} {}\n", scene.name, scene.title);
    return exit_code::ok;
  }
  // An empty --scene is not "every scene": it names none, and a script that
  // passed an unset variable must be told so.
  if (invocation.given("scene") && invocation.text("scene").empty())
    throw UsageError("--scene '': the name of a scene is needed (see --list-scenes)");
  return tour::run_tour(scenes, names,
                        {.only_scene = invocation.text("scene"), .pause = invocation.flag("pause")});
}

} // namespace

GroupSpec tour_group() {
  static const GroupSpec group = {
      .name = "tour",
      .summary = "A guided, runnable walk through the screenplay, scene by scene",
      .commands = {{
          .action = "",
          .summary = "A guided, runnable walk through the screenplay, scene by scene",
          .description = "Each step says what to look for, prints the exact ipcdemo command line a student\n"
                         "could type, and runs it as a real child process, showing its output. Scenes that\n"
                         "need two parties run them as concurrent processes; four racing producers are\n"
                         "summed up in one table (increments, rate, interleavings). Every line fits the\n"
                         "terminal's width (COLUMNS where there is no terminal, else 80): prose is wrapped,\n"
                         "long commands continue with a backslash, wide output is wrapped, never cut. The\n"
                         "tour's objects have names of their own (its PID and a random part, created with\n"
                         "--exclusive: no leftover can stand in for them) and are removed at the end, also\n"
                         "after a failure, Ctrl-C or SIGHUP. Every step has a time bound (60 s). It runs\n"
                         "unattended unless --pause is given: then it stops after every step, so that no\n"
                         "more than a screenful comes between two stops, and while a waiter or a receiver\n"
                         "is blocked; Enter goes on (and posts, or sends). --pause needs a terminal on\n"
                         "standard input: without one the tour says so and runs on.",
          .examples = {"ipcdemo tour", "ipcdemo tour --list-scenes", "ipcdemo tour --scene maps",
                       "ipcdemo tour --pause"},
          .options =
              {
                  {.flags = "-s,--scene",
                   .type = ValueType::text,
                   .help = "Run only this scene (see --list-scenes)"},
                  {.flags = "-l,--list-scenes", .type = ValueType::flag, .help = "List the scenes and exit"},
                  {.flags = "-p,--pause",
                   .type = ValueType::flag,
                   .help = "Stop after every step, a screenful at most, until Enter (a lecturer's pace); "
                           "needs a terminal on standard input"},
              },
          .handler = tour,
      }},
  };
  return group;
}

} // namespace ipcdemo::commands
