// SPDX-License-Identifier: MIT
#include "cli/spec.hpp"

namespace ipcdemo {

const OptionSpec show_c_option = {
    .flags = "--show-c",
    .type = ValueType::flag,
    .help =
        "Print, instead of running, a C program (C11, POSIX) that does what this command would do, "
        "with its names and options filled in"};

std::string value_placeholder(ValueType type, Choices choices) {
  switch (type) {
    case ValueType::flag: return "";
    case ValueType::count:
    case ValueType::integer: return "N";
    case ValueType::number: return "X";
    case ValueType::size: return "SIZE";
    case ValueType::duration: return "DURATION";
    case ValueType::mode: return "MODE";
    case ValueType::text: return "TEXT";
    case ValueType::choice: {
      std::string joined;
      for (const auto& choice : choices) joined += (joined.empty() ? "" : "|") + std::string(choice);
      return joined;
    }
    case ValueType::path: return "FILE";
    case ValueType::pid: return "PID";
    case ValueType::object: return "NAME";
    case ValueType::columns: return "COLUMNS";
  }
  return "VALUE";
}

std::string_view OptionSpec::key() const {
  // The long name is the last comma-separated part, without its dashes.
  std::string_view name = flags;
  if (const auto comma = name.rfind(','); comma != std::string_view::npos) name.remove_prefix(comma + 1);
  while (!name.empty() && name.front() == '-') name.remove_prefix(1);
  return name;
}

std::string CommandRef::tool_name() const {
  if (command->action.empty()) return {};
  return std::string(group->name) + "-" + std::string(command->action);
}

std::string CommandRef::path() const {
  if (command->action.empty()) return std::string(group->name);
  return std::string(group->name) + " " + std::string(command->action);
}

std::vector<CommandRef> all_commands(std::span<const GroupSpec> groups) {
  std::vector<CommandRef> out;
  for (const auto& group : groups)
    for (const auto& command : group.commands) out.push_back({&group, &command});
  return out;
}

std::vector<std::string> tool_names(std::span<const GroupSpec> groups) {
  std::vector<std::string> out;
  for (const auto& ref : all_commands(groups))
    if (auto name = ref.tool_name(); !name.empty()) out.push_back(std::move(name));
  return out;
}

const CommandRef* find_tool(std::string_view name, const std::vector<CommandRef>& commands) {
  constexpr std::string_view prefix = "ipcdemo-";
  if (name.starts_with(prefix)) name.remove_prefix(prefix.size());
  for (const auto& ref : commands)
    if (!ref.command->action.empty() && ref.tool_name() == name) return &ref;
  return nullptr;
}

} // namespace ipcdemo
