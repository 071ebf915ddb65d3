// SPDX-License-Identifier: MIT
#include "cli/mentions.hpp"

#include "cli/globals.hpp"
#include "cli/option_names.hpp"

#include <algorithm>

namespace ipcdemo::cli {

Mentions::Mentions(const std::vector<std::string>& args, const CommandSpec* command)
    : everything_(command == nullptr) {
  if (everything_) return;
  const auto names = options_at(command);
  bool value_next = false;
  for (const auto& word : args) {
    if (value_next) {
      value_next = false;
      continue;
    }
    if (word == "--") break; // the rest are arguments
    if (word.size() < 2 || word.front() != '-') continue;
    if (!known_option(names, word, value_next, named_)) {
      everything_ = true;
      return;
    }
  }
  // Help lists every option.
  everything_ = binds(global::help.flags);
}

bool Mentions::binds(std::string_view flags) const {
  if (everything_) return true;
  while (!flags.empty()) {
    const auto comma = flags.find(',');
    if (std::find(named_.begin(), named_.end(), flags.substr(0, comma)) != named_.end()) return true;
    flags.remove_prefix(comma == std::string_view::npos ? flags.size() : comma + 1);
  }
  return false;
}

} // namespace ipcdemo::cli
