// SPDX-License-Identifier: MIT
// Logging: one spdlog logger writing to stderr (stdout carries program output).
// This header keeps spdlog out of every other translation unit; the level check
// is one comparison, so a disabled message costs nothing measurable.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string_view>
#include <utility>

namespace ipcdemo::log {

enum class Level { trace = 0, debug, info, warn, error, off };

// Installs the stderr logger; the level comes from IPCDEMO_LOG_LEVEL or defaults to info,
// the time-and-PID prefix from IPCDEMO_LOG_TIME (set and not 0).
void init();
// Each line starts with the time and the process ID (`12:01:30.118205 [4711] `):
// for several processes logging into one terminal, as in the tour. Off by
// default, so that a narrated call fits an 80-column line.
void set_timestamps(bool on);
bool timestamps();
void set_level(Level level);
Level level();
// Where the width of standard error's terminal comes from (sys::stderr_columns,
// given by app/): a line longer than it is wrapped, its continuation indented,
// so that every line fits the pane it is read in. Asked once, when the first
// line is logged; nothing (not a terminal) leaves lines whole for pipes and files.
void set_width_source(std::optional<int> (*source)());
// `text`, to follow `prefix` columns on stderr, as lines that fit its terminal
// (the continuation lines indented by `indent`); whole when it fits or when
// stderr is no terminal. What log lines and the error line go through.
std::string fit_to_terminal(std::string text, std::size_t prefix, std::size_t indent);
std::optional<Level> parse_level(std::string_view text);
std::string_view level_name(Level level);

namespace detail {
inline Level current = Level::info;
void write(Level level, std::string_view message);
// A narrated call: the line is the message alone (`sys: close(3) = 0`), with no
// `ipcdemo: debug:` before it; the level decides only whether it is shown.
void write_call(Level level, std::string_view message);
} // namespace detail

inline bool enabled(Level level) { return level >= detail::current && level != Level::off; }

template <typename... Args>
void at(Level level, fmt::format_string<Args...> format, Args&&... args) {
  if (enabled(level)) detail::write(level, fmt::format(format, std::forward<Args>(args)...));
}
template <typename... Args>
void trace(fmt::format_string<Args...> format, Args&&... args) {
  at(Level::trace, format, std::forward<Args>(args)...);
}
template <typename... Args>
void debug(fmt::format_string<Args...> format, Args&&... args) {
  at(Level::debug, format, std::forward<Args>(args)...);
}
template <typename... Args>
void info(fmt::format_string<Args...> format, Args&&... args) {
  at(Level::info, format, std::forward<Args>(args)...);
}
template <typename... Args>
void warn(fmt::format_string<Args...> format, Args&&... args) {
  at(Level::warn, format, std::forward<Args>(args)...);
}

} // namespace ipcdemo::log
