// SPDX-License-Identifier: MIT
#include "base/log.hpp"

#include "base/escape.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/logger.h>
#include <spdlog/pattern_formatter.h>

#include <array>
#include <cstdlib>
#include <memory>

namespace ipcdemo::log {

namespace {
constexpr std::array<std::string_view, 6> names = {"trace", "debug", "info", "warn", "error", "off"};

spdlog::level::level_enum to_spdlog(Level level) {
  return static_cast<spdlog::level::level_enum>(static_cast<int>(level));
}

// Short lines normally; with debugging on, time and PID too, because a producer
// and a consumer often narrate into the same terminal.
std::string_view pattern_for(Level level) {
  return level <= Level::debug ? "%H:%M:%S.%f ipcdemo[%P] %^%l%$: %v" : "ipcdemo: %^%l%$: %v";
}

// Our own logger, not spdlog's registry: the registry makes a default stdout
// logger of its own when first touched, and nothing here looks loggers up by name.
std::unique_ptr<spdlog::logger> logger;

void apply(Level level) {
  logger->set_level(to_spdlog(level));
  logger->set_formatter(std::make_unique<spdlog::pattern_formatter>(std::string(pattern_for(level))));
}

// The logger is made for the first line logged, not at start: most runs log
// nothing, and making it (a sink, a pattern compiled) was a tenth of the
// instructions of `ipcdemo mmap cat FILE`.
void make_logger() {
  // Colour only on a terminal (spdlog checks isatty), never when NO_COLOR is set.
  const char* no_color = std::getenv("NO_COLOR");
  const auto mode =
      (no_color != nullptr && *no_color != '\0') ? spdlog::color_mode::never : spdlog::color_mode::automatic;
  logger = std::make_unique<spdlog::logger>(
      "ipcdemo", std::make_shared<spdlog::sinks::stderr_color_sink_st>(mode));
  apply(detail::current);
}
} // namespace

void init() {
  const char* env = std::getenv("IPCDEMO_LOG_LEVEL");
  const std::optional<Level> parsed = env != nullptr && *env != '\0' ? parse_level(env) : Level::info;
  set_level(parsed.value_or(Level::info));
  // Said once the pattern is set, so that it looks like every other warning.
  if (!parsed)
    warn("IPCDEMO_LOG_LEVEL={} is not a level (trace, debug, info, warn, error, off); using info",
         escape::visible(env));
}

void set_level(Level level) {
  detail::current = level;
  if (logger) apply(level); // else made with this level when first needed
}

Level level() { return detail::current; }

std::optional<Level> parse_level(std::string_view text) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == text) return static_cast<Level>(i);
  if (text == "warning") return Level::warn;
  return std::nullopt;
}

std::string_view level_name(Level level) { return names[static_cast<std::size_t>(level)]; }

void detail::write(Level level, std::string_view message) {
  // Log lines quote names that any local user chose: no control character of
  // theirs reaches the terminal, and a newline in a name cannot start a new line.
  if (!logger) make_logger();
  logger->log(to_spdlog(level), escape::line(message));
}

} // namespace ipcdemo::log
