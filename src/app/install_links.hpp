// `ipcdemo --install DIR`: one symlink per tool name, pointing at this binary.
#pragma once

#include <string>
#include <vector>

namespace ipcdemo {

// Creates DIR/NAME -> `target` for every name; idempotent; never replaces a file
// that is not already a link to an ipcdemo binary. Reports each step on stdout.
// Returns the exit code: 1 when some name could not be linked.
int install_links(const std::string& dir, const std::string& target, const std::vector<std::string>& names);

// The absolute path of the running binary (/proc/self/exe).
std::string self_executable();

} // namespace ipcdemo
