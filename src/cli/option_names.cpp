// SPDX-License-Identifier: MIT
#include "cli/option_names.hpp"

#include "cli/globals.hpp"

#include <algorithm>

namespace ipcdemo::cli {

namespace {

void add_flags(std::vector<OptionName>& out, std::string_view flags, bool takes_value) {
  while (!flags.empty()) {
    const auto comma = flags.find(',');
    out.push_back({std::string(flags.substr(0, comma)), takes_value});
    flags.remove_prefix(comma == std::string_view::npos ? flags.size() : comma + 1);
  }
}

const OptionName* find_option(const std::vector<OptionName>& names, std::string_view name) {
  const auto found = std::find_if(names.begin(), names.end(), [&](const auto& o) { return o.name == name; });
  return found == names.end() ? nullptr : &*found;
}

} // namespace

std::vector<OptionName> options_at(const CommandSpec* command) {
  std::vector<OptionName> names;
  if (command != nullptr)
    for (const auto& option : command->all_options())
      add_flags(names, option.flags, option.type != ValueType::flag);
  for (const auto& option : global_options) add_flags(names, option.flags, !option.placeholder.empty());
  return names;
}

bool known_option(const std::vector<OptionName>& names, std::string_view word, bool& takes_next,
                  std::vector<std::string>& found) {
  takes_next = false;
  if (word.starts_with("--")) {
    const auto equals = word.find('=');
    const OptionName* option = find_option(names, word.substr(0, equals));
    if (option == nullptr) return false;
    found.push_back(option->name);
    takes_next = option->takes_value && equals == std::string_view::npos;
    return true;
  }
  for (std::size_t i = 1; i < word.size(); ++i) { // a cluster of short options
    const OptionName* option = find_option(names, std::string{'-', word[i]});
    if (option == nullptr) return false;
    found.push_back(option->name);
    if (option->takes_value) {
      takes_next = i + 1 == word.size(); // otherwise the rest of the word is the value
      return true;
    }
  }
  return true;
}

bool global_takes_next(std::string_view word) {
  return std::any_of(std::begin(global_options), std::end(global_options), [&](const GlobalOption& option) {
    const std::string_view flags = option.flags;
    return !option.placeholder.empty() && flags.substr(flags.rfind(',') + 1) == word;
  });
}

} // namespace ipcdemo::cli
