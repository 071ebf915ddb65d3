// SPDX-License-Identifier: MIT
// The top-level options, described once: the CLI11 tree, the diagnosis of a
// mistyped option and the help text all read this table.
#pragma once

#include <string_view>

namespace ipcdemo::cli {

struct GlobalOption {
  std::string_view flags;       // "-v,--verbose"
  std::string_view placeholder; // "LEVEL"; empty for a flag
  std::string_view help;
};

namespace global {
inline constexpr GlobalOption help{"-h,--help", "", "Show help (for a group or command: its help) and exit"};
inline constexpr GlobalOption version{"-V,--version", "", "Show the version and exit"};
inline constexpr GlobalOption verbose{
    "-v,--verbose", "",
    "More log output: -v narrates the screenplay's calls (sys: system calls, "
    "lib: C library functions), -vv also ipcdemo's own checks (check:) and "
    "what each library function asks of the kernel"};
inline constexpr GlobalOption quiet{"-q,--quiet", "",
                                    "Less log output: -q warnings and errors, -qq errors only"};
inline constexpr GlobalOption log_level{"--log-level", "LEVEL",
                                        "Log level: trace, debug, info, warn, error or off"};
inline constexpr GlobalOption log_time{"--log-time", "",
                                       "Start each log line with the time and the process ID, for several "
                                       "processes logging into one terminal (or IPCDEMO_LOG_TIME=1)"};
inline constexpr GlobalOption list{"--list", "", "Print every tool name, one a line"};
inline constexpr GlobalOption install{"--install", "DIR",
                                      "Create a link per tool name in DIR, pointing at this binary"};
inline constexpr GlobalOption strace{
    "--strace", "",
    "Run the command under strace(1), showing its IPC system calls as the "
    "kernel sees them (files in /dev/shm, mmap, ftruncate, futex, mq_*); /usr/bin/strace, "
    "PATH's only where there is none"};
} // namespace global

inline constexpr GlobalOption global_options[] = {global::help,  global::version,   global::verbose,
                                                  global::quiet, global::log_level, global::log_time,
                                                  global::list,  global::install,   global::strace};

} // namespace ipcdemo::cli
