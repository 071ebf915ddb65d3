// SPDX-License-Identifier: MIT
// The option names valid at one place of a command line, and whether a word
// ("--count=3", "-vv", "-c5") names them: shared by the diagnosis of a mistyped
// option and by the choice of which options a start-up binds in CLI11.
#pragma once

#include "cli/spec.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ipcdemo::cli {

struct OptionName {
  std::string name; // "-c" or "--count"
  bool takes_value;
};

// The options valid where `command` (or, when null, no command yet) has been named:
// its own and the global ones.
std::vector<OptionName> options_at(const CommandSpec* command);

// Whether every option `word` names is in `names`; `takes_next` says whether the
// next word is the value of the last of them. The names found are added to `found`.
bool known_option(const std::vector<OptionName>& names, std::string_view word, bool& takes_next,
                  std::vector<std::string>& found);

// Whether a global option that comes before the command takes the next word as
// its value (`--log-level debug`): that word is no group name.
bool global_takes_next(std::string_view word);

} // namespace ipcdemo::cli
