// SPDX-License-Identifier: MIT
// Text shared by --help and the man pages, written once.
#pragma once

#include <string_view>

namespace ipcdemo::help {

inline constexpr std::string_view exit_status =
    "  0    success\n"
    "  1    a system call failed (the message names the call, the object and the cause),\n"
    "       or memory ran out (ulimit -v, a cgroup)\n"
    "  2    usage error: bad option, value, name, size or duration\n"
    "  3    the operation would block, or its timeout expired\n"
    "  4    incomplete: ls, who, rm or watch could not list message queues (said on\n"
    "       stderr); what they show is only what could be read\n"
    "  70   internal error: a bug in ipcdemo (please report it)\n"
    "  127  unknown tool name\n"
    "  130  interrupted by SIGINT (Ctrl-C); 143 by SIGTERM, 129 by SIGHUP (terminal closed)\n";

inline constexpr std::string_view environment =
    "  IPCDEMO_LOG_LEVEL  trace, debug, info, warn, error or off (options override it)\n"
    "  IPCDEMO_LOG_TIME   when set and not 0, log lines start with the time and PID\n"
    "  NO_COLOR           when set and not empty, log lines are never coloured\n";

inline constexpr std::string_view global_options_note =
    "Global options work in any position, also through a tool link:\n"
    "  -v, --verbose      -v narrates the screenplay's calls (strace style), in its\n"
    "                     order; -vv adds ipcdemo's own checks (check:) and what\n"
    "                     each library call asks of the kernel\n"
    "  -q, --quiet        less log output (-q warnings and errors only, -qq errors only)\n"
    "  --log-level LEVEL  trace, debug, info, warn, error or off\n"
    "  --log-time         each log line starts with the time and the process ID\n";

// Lower levels of help point here instead of repeating the global options and exit codes.
inline constexpr std::string_view pointer_to_top =
    "Global options (-v, -q, --log-level, anywhere) and exit codes: ipcdemo --help\n";

// The first commands to try, for the short overview a bare `ipcdemo` prints.
inline constexpr std::string_view first_steps =
    "  ipcdemo tour                               the screenplay, scene by scene\n"
    "  ipcdemo shm create && ipcdemo shm produce  then in a 2nd terminal: shm consume\n"
    "  ipcdemo ls                                 the POSIX IPC objects of this host\n";

// The most useful full command lines, for the top-level help and the man page.
inline constexpr std::string_view top_examples =
    "  ipcdemo tour                                # the screenplay, run for you\n"
    "  ipcdemo shm create && ipcdemo shm produce   # 2nd terminal: shm consume\n"
    "  ipcdemo shm create /race                    # four producers race, then count:\n"
    "  for i in 1 2 3 4; do ipcdemo shm produce /race -i 0 -c 50000 & done >/dev/null\n"
    "  wait; ipcdemo shm info /race                # what they lost\n"
    "  ipcdemo -v sem create --value 0 && ipcdemo sem wait  # elsewhere: sem post\n"
    "  ipcdemo mq create && ipcdemo mq send -c 3 && ipcdemo mq recv -c 3\n"
    "  ipcdemo bench --quick                       # what each mechanism costs here\n";

} // namespace ipcdemo::help
