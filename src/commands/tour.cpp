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
          .description =
              "Each step says what to look for, prints the exact ipcdemo command line a student\n"
              "could type, and runs it as a real child process, showing its output. Scenes that\n"
              "need two parties run them as concurrent processes. The tour's objects have names\n"
              "of their own (its PID and a random part, created with --exclusive: no leftover\n"
              "can stand in for them) and are removed at the end, also after a failure, Ctrl-C\n"
              "or SIGHUP. Every step has a time bound (60 s). It runs unattended unless\n"
              "--pause is given: then it also stops inside scenes while a waiter or a receiver is\n"
              "blocked, and Enter posts or sends.",
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
                   .help = "Wait for Enter between scenes, and inside them before the moments that matter "
                           "(a post to a blocked waiter, a send to a blocked receiver)"},
              },
          .handler = tour,
      }},
  };
  return group;
}

} // namespace ipcdemo::commands
