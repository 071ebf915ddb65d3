// Text shared by --help and the man pages, written once.
#pragma once

#include <string_view>

namespace ipcdemo::help {

inline constexpr std::string_view exit_status =
    "  0    success\n"
    "  1    a system call failed (the message names the call, the object and the cause)\n"
    "  2    usage error: bad option, value, name, size or duration\n"
    "  3    the operation would block, or its timeout expired\n"
    "  70   internal error: a bug in ipcdemo (please report it)\n"
    "  127  unknown tool name\n"
    "  130  interrupted by SIGINT (Ctrl-C); 143 by SIGTERM, 129 by SIGHUP (terminal closed)\n";

inline constexpr std::string_view environment =
    "  IPCDEMO_LOG_LEVEL  trace, debug, info, warn, error or off (options override it)\n"
    "  NO_COLOR           when set and not empty, log lines are never coloured\n";

inline constexpr std::string_view global_options_note =
    "Global options work in any position, also through a tool link:\n"
    "  -v, --verbose      more log output; -v narrates every system call (strace style), -vv traces\n"
    "  -q, --quiet        less log output (-q warnings and errors only, -qq errors only)\n"
    "  --log-level LEVEL  trace, debug, info, warn, error or off\n";

} // namespace ipcdemo::help
