// SPDX-License-Identifier: MIT
// `ipcdemo --install DIR`: one symlink per tool name, pointing at this binary.
#pragma once

#include <string>
#include <vector>

namespace ipcdemo {

// Creates DIR/NAME -> `target` for every name; idempotent. An existing DIR/NAME is
// replaced only when it is a symlink that resolves to the running binary itself
// (same file as /proc/self/exe); a link to another program, a dangling link or any
// other file is left alone and reported. Reports each step on stdout. Returns the
// exit code: 1 when some name could not be linked.
int install_links(const std::string& dir, const std::string& target, const std::vector<std::string>& names);

// The absolute path of the running binary (/proc/self/exe).
std::string self_executable();

} // namespace ipcdemo
