// SPDX-License-Identifier: MIT
// Which options a run's CLI11 tree binds. Binding one option costs CLI11 some ten
// thousand instructions (its names split, a std::function, a dozen strings): more
// than the rest of a start-up, for options most runs never name (`ipcdemo mmap cat
// FILE` names none). So a run binds the options its words name, and nothing else.
// When a word looks like an option but names none of the command's or the global
// ones (a typo, a negative number), or asks for help, everything is bound: CLI11's
// messages and help are then exactly what they are with the whole tree.
#pragma once

#include "cli/spec.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ipcdemo::cli {

class Mentions {
 public:
  // `command` is the command the words name, or null when they name none yet.
  Mentions(const std::vector<std::string>& args, const CommandSpec* command);

  // Whether the option with these flags ("-c,--count") is to be bound.
  bool binds(std::string_view flags) const;

 private:
  bool everything_ = false;
  std::vector<std::string> named_; // "-c", "--count", as the words named them
};

} // namespace ipcdemo::cli
