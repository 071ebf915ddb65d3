// SPDX-License-Identifier: MIT
// completion: prints the shell completion script, generated from the registry.
#include "commands/groups.hpp"

#include "base/error.hpp"
#include "cli/invocation.hpp"
#include "completion/scripts.hpp"

#include <fmt/format.h>

namespace ipcdemo::commands {

namespace {

int print_script(const Invocation& invocation) {
  std::vector<std::string> names{"ipcdemo"};
  for (auto& tool : tool_names()) names.push_back(std::move(tool));
  fmt::print("{}", completion::script(invocation.text("SHELL"), names));
  return exit_code::ok;
}

} // namespace

GroupSpec completion_group() {
  static const GroupSpec group = {
      .name = "completion",
      .summary = "Print the shell completion script for bash, zsh or fish",
      .commands = {{
          .action = "",
          .summary = "Print the shell completion script for bash, zsh or fish",
          .description = "The script completes groups, actions, options and their values, file names,\n"
                         "PIDs, and the names of live objects (shm names for shm commands, semaphore\n"
                         "names for sem commands, queue names for mq commands) for ipcdemo and for every\n"
                         "tool link. It asks ipcdemo itself for the answers, so it never goes stale.\n"
                         "A live name is offered as typed: without its '/' unless the word starts with\n"
                         "one, and described by what ls shows (size, value, messages, owner).\n"
                         "--option=value works as well as --option value. The zsh script, sourced into\n"
                         "a shell that has not loaded the completion system, runs compinit itself.\n"
                         "cmake --install and the Debian package put the scripts where the shells look.",
          .examples = {"source <(ipcdemo completion bash)", "source <(ipcdemo completion zsh)",
                       "ipcdemo completion zsh > ~/.zfunc/_ipcdemo",
                       "ipcdemo completion fish > ~/.config/fish/completions/ipcdemo.fish"},
          .arguments = {{.name = "SHELL",
                         .type = ValueType::choice,
                         .help = "bash, zsh or fish",
                         .default_value = "bash",
                         .choices = completion::shells}},
          .handler = print_script,
      }},
  };
  return group;
}

} // namespace ipcdemo::commands
