// SPDX-License-Identifier: MIT
// Shell completion, answered by the binary itself (like cobra's and clap's
// hidden __complete): the shell scripts only pass the words and show the
// answer, so the logic lives here once, over the registry.
#pragma once

#include "cli/spec.hpp"

#include <span>
#include <string>
#include <utility>
#include <vector>

namespace ipcdemo::completion {

struct Answer {
  std::vector<std::pair<std::string, std::string>> candidates; // word, description
  bool files = false;                                          // let the shell complete file names
};

// `words`: the command line up to the cursor; words[0] is the command as typed
// (ipcdemo, or a tool name such as shm-consume), the last is the word being completed.
Answer complete(const std::vector<std::string>& words, std::span<const GroupSpec> groups);

// The protocol the scripts read: one "word<TAB>description" a line, then a last
// line ":files" or ":done".
std::string format(const Answer& answer);

} // namespace ipcdemo::completion
