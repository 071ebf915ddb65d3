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

// Installs the stderr logger; the level comes from IPCDEMO_LOG_LEVEL or defaults to info.
void init();
void set_level(Level level);
Level level();
std::optional<Level> parse_level(std::string_view text);
std::string_view level_name(Level level);

namespace detail {
inline Level current = Level::info;
void write(Level level, std::string_view message);
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
