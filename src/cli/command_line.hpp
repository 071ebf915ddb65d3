// SPDX-License-Identifier: MIT
// Turns the argument vector into a command to run, using CLI11 (the only
// translation unit that includes it: Debian's CLI11 2.1.2 compiles all its
// bodies into every unit that includes it).
#pragma once

#include "base/log.hpp"
#include "cli/invocation.hpp"
#include "cli/spec.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ipcdemo::cli {

struct GlobalOptions {
  std::size_t verbose = 0;
  std::size_t quiet = 0;
  std::optional<log::Level> level;        // --log-level
  bool log_time = false;                  // --log-time
  bool list = false;                      // --list
  std::optional<std::string> install_dir; // --install DIR
  bool strace = false;                    // --strace: run the command under strace(1)
};

struct CommandLine {
  std::optional<int> finished; // help or version printed: exit with this code
  GlobalOptions globals;
  std::optional<Invocation> invocation; // the command to run, if any
};

// Parses `args` (argv without argv[0]). Prints help and version itself; throws
// UsageError for anything it cannot accept.
CommandLine parse(const std::vector<std::string>& args, const std::vector<CommandRef>& commands);

// The short overview for `ipcdemo` run with nothing to do: the groups, the first
// commands to try and where to read more (the whole help is `ipcdemo --help`).
std::string overview(const std::vector<CommandRef>& commands);

} // namespace ipcdemo::cli
