// SPDX-License-Identifier: MIT
// Options that several commands take, declared once: the flags, the type and
// the default live here, the help (which says what they count or pace in that
// command) stays with the command.
#pragma once

#include "cli/spec.hpp"

#include <string_view>

namespace ipcdemo::commands {

// -c, --count N: how many times; 0 usually means until interrupted.
OptionSpec count_option(std::string_view help, std::string_view default_value);
// -i, --interval DURATION: the pause between two steps of a series (paced by Ticker).
OptionSpec interval_option(std::string_view help, std::string_view default_value);
// -t, --timeout DURATION: give up waiting after this long (exit 3). No default.
OptionSpec timeout_option(std::string_view help);
// --nonblock: never wait (O_NONBLOCK, EAGAIN: exit 3).
OptionSpec nonblock_option(std::string_view help);
// -j, --json: machine-readable output.
OptionSpec json_option(std::string_view help);

} // namespace ipcdemo::commands
