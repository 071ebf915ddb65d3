// SPDX-License-Identifier: MIT
// What to tell someone whose command line was not understood: the word that is
// wrong, what it was probably meant to be, and the words that would fit there.
#pragma once

#include "base/error.hpp"
#include "cli/spec.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ipcdemo::cli {

// `help [GROUP [ACTION]]` and `GROUP help [ACTION]` become `GROUP ACTION --help`, as in git.
std::vector<std::string> rewrite_help(std::vector<std::string> args, const std::vector<CommandRef>& commands);

// The first word of `args` that names no group, action or option where it stands,
// as a usage error that suggests the likely meaning ("did you mean 'shm'?") and
// lists the valid words; words in the wrong order (`produce shm`) get the right
// order. Empty when every word is known there: the problem is something else.
std::optional<UsageError> diagnose(const std::vector<std::string>& args,
                                   const std::vector<CommandRef>& commands);

// The message for a program name (argv[0]) that is no tool: "'x' is not an ipcdemo
// tool name; ..." with the closest tool names.
std::string unknown_tool_message(std::string_view name, const std::vector<std::string>& tools);

} // namespace ipcdemo::cli
