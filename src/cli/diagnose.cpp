// SPDX-License-Identifier: MIT
#include "cli/diagnose.hpp"

#include "cli/globals.hpp"
#include "cli/option_names.hpp"
#include "cli/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ipcdemo::cli {

namespace {

// `word` as a shell would need it typed, for command lines we suggest.
std::string shell_word(std::string_view word) {
  const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("_/.,:=+@%-").find(c) != std::string_view::npos;
  });
  if (plain) return std::string(word);
  std::string quoted = "'";
  for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string command_line(const std::vector<std::string>& words) {
  std::string line = "ipcdemo";
  for (const auto& word : words) line += " " + visible(shell_word(word));
  return line;
}

std::vector<const GroupSpec*> groups_of(const std::vector<CommandRef>& commands) {
  std::vector<const GroupSpec*> groups;
  for (const auto& ref : commands)
    if (groups.empty() || groups.back() != ref.group) groups.push_back(ref.group);
  return groups;
}

std::vector<std::string> quoted_alternatives(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  out.reserve(lines.size());
  for (const auto& line : lines) out.push_back("'" + line + "'");
  return out;
}

std::string either(const std::vector<std::string>& choices) {
  std::string text;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) text += i + 1 == choices.size() ? " or " : ", ";
    text += choices[i];
  }
  return text;
}

UsageError unknown_option(std::string_view word, const std::vector<OptionName>& names,
                          const CommandRef* where) {
  std::vector<std::string> candidates;
  candidates.reserve(names.size());
  std::vector<std::string> listed; // long names of the command's own options, for the list
  for (const auto& option : names) candidates.push_back(option.name);
  std::string prefix;
  if (where != nullptr) {
    prefix = where->path() + ": ";
    for (const auto& option : where->command->all_options()) {
      const std::string_view flags = option.flags;
      listed.emplace_back(flags.substr(flags.rfind(',') + 1));
    }
  }
  const std::string name(word.substr(0, word.find('=')));
  if (where != nullptr && name == show_c_option.flags) {
    std::vector<std::string> with_program;
    for (const auto& ref : all_commands())
      if (ref.command->show_c != nullptr) with_program.push_back(ref.path());
    return UsageError(fmt::format("--show-c: '{}' has no C program to show; these have one: {}",
                                  where->path(), join(with_program)));
  }
  std::string message =
      fmt::format("{}unknown option '{}';{}", prefix, visible(name), did_you_mean(name, candidates));
  if (listed.empty()) {
    for (const auto& option : global_options)
      listed.emplace_back(option.flags.substr(option.flags.rfind(',') + 1));
    message += fmt::format(" options: {}", join(listed));
  } else
    message += fmt::format(" options: {}, and the global ones ('ipcdemo --help')", join(listed));
  return UsageError(message);
}

UsageError unknown_group(const std::vector<std::string>& args, std::size_t at,
                         const std::vector<CommandRef>& commands) {
  const std::string& word = args[at];
  // An action where the group should be: maybe the two are swapped (`produce shm`).
  std::vector<const GroupSpec*> owners;
  for (const auto& ref : commands)
    if (!ref.command->action.empty() && ref.command->action == word) owners.push_back(ref.group);
  for (std::size_t later = at + 1; later < args.size(); ++later)
    for (const GroupSpec* owner : owners)
      if (args[later] == owner->name) {
        std::vector<std::string> fixed(args.begin(), args.begin() + static_cast<std::ptrdiff_t>(at));
        fixed.emplace_back(owner->name);
        fixed.push_back(word);
        for (std::size_t i = at + 1; i < args.size(); ++i)
          if (i != later) fixed.push_back(args[i]);
        return UsageError(fmt::format("'{} {}': the group comes before the action; did you mean '{}'?", word,
                                      owner->name, command_line(fixed)));
      }
  if (!owners.empty()) {
    std::vector<std::string> lines;
    lines.reserve(owners.size());
    for (const GroupSpec* owner : owners) lines.push_back(fmt::format("ipcdemo {} {}", owner->name, word));
    return UsageError(fmt::format("'{}' is an action, not a group; did you mean {}?", word,
                                  either(quoted_alternatives(lines))));
  }
  if (const CommandRef* tool = find_tool(word, commands))
    return UsageError(
        fmt::format("'{}' is a tool name; as a command it is '{}'", word, "ipcdemo " + tool->path()));
  std::vector<std::string> names;
  for (const GroupSpec* group : groups_of(commands)) names.emplace_back(group->name);
  return UsageError(fmt::format("unknown command '{}';{} commands: {}", visible(word),
                                did_you_mean(word, names), join(names)));
}

UsageError unknown_action(std::string_view word, const GroupSpec& group,
                          const std::vector<CommandRef>& commands) {
  std::vector<std::string> actions;
  for (const auto& command : group.commands) actions.emplace_back(command.action);
  std::string hint = did_you_mean(word, actions);
  if (hint.empty())
    for (const GroupSpec* other : groups_of(commands))
      if (other->name == word) hint = fmt::format(" did you mean 'ipcdemo {}'?", word);
  return UsageError(
      fmt::format("{}: unknown action '{}';{} actions: {}", group.name, visible(word), hint, join(actions)));
}

} // namespace

std::vector<std::string> rewrite_help(std::vector<std::string> args,
                                      const std::vector<CommandRef>& commands) {
  std::vector<std::string_view> positionals;
  bool skip = false;
  for (std::size_t i = 0; i < args.size() && positionals.size() < 2; ++i) {
    if (skip) {
      skip = false;
      continue;
    }
    if (args[i].starts_with("-")) {
      skip = global_takes_next(args[i]);
      continue;
    }
    // `help` first, or second after a group that has actions (`shm help produce`).
    const bool after_group =
        positionals.size() == 1 && std::any_of(commands.begin(), commands.end(), [&](const CommandRef& ref) {
          return ref.group->name == positionals.front() && !ref.group->is_single_command();
        });
    if (args[i] == "help" && (positionals.empty() || after_group)) {
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i));
      args.emplace_back("--help");
      return args;
    }
    positionals.push_back(args[i]);
  }
  return args;
}

std::optional<UsageError> diagnose(const std::vector<std::string>& args,
                                   const std::vector<CommandRef>& commands) {
  const CommandRef* command = nullptr;
  const GroupSpec* group = nullptr;
  bool skip_value = false;
  bool only_arguments = false; // after "--"
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& word = args[i];
    if (skip_value) {
      skip_value = false;
      continue;
    }
    if (!only_arguments && word == "--") {
      only_arguments = true;
      continue;
    }
    if (!only_arguments && word.size() > 1 && word.front() == '-') {
      const auto names = options_at(command != nullptr ? command->command : nullptr);
      std::vector<std::string> found;
      if (!known_option(names, word, skip_value, found)) return unknown_option(word, names, command);
      continue;
    }
    if (group == nullptr) {
      for (const auto& ref : commands)
        if (ref.group->name == word) {
          group = ref.group;
          if (group->is_single_command()) command = &ref;
          break;
        }
      if (group == nullptr) return unknown_group(args, i, commands);
      continue;
    }
    if (command == nullptr) {
      for (const auto& ref : commands)
        if (ref.group == group && ref.command->action == word) command = &ref;
      if (command == nullptr) return unknown_action(word, *group, commands);
      continue;
    }
    // An argument of the command: CLI11's message says what is wrong with it.
  }
  return std::nullopt;
}

std::string unknown_tool_message(std::string_view name, const std::vector<std::string>& tools) {
  return fmt::format("'{}' is not an ipcdemo tool name;{} 'ipcdemo --list' shows them", visible(name),
                     did_you_mean(name, tools));
}

} // namespace ipcdemo::cli
