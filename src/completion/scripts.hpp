// SPDX-License-Identifier: MIT
// The completion scripts for bash, zsh and fish: thin adaptors that hand the
// command line to `ipcdemo __complete` and show its answer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ipcdemo::completion {

inline constexpr std::string_view shells[] = {"bash", "zsh", "fish"};

// The script for `shell`, registering every name in `commands` (ipcdemo and the tool names).
// Empty for an unknown shell.
std::string script(std::string_view shell, const std::vector<std::string>& commands);

} // namespace ipcdemo::completion
