#include "base/log.hpp"

#include "base/escape.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <array>
#include <cstdlib>

namespace ipcdemo::log {

namespace {
constexpr std::array<std::string_view, 6> names = {"trace", "debug", "info", "warn", "error", "off"};

spdlog::level::level_enum to_spdlog(Level level) {
  return static_cast<spdlog::level::level_enum>(static_cast<int>(level));
}

// Short lines normally; with debugging on, time and PID too, because a producer
// and a consumer often narrate into the same terminal.
void apply_pattern(Level level) {
  if (level <= Level::debug)
    spdlog::set_pattern("%H:%M:%S.%f ipcdemo[%P] %^%l%$: %v");
  else
    spdlog::set_pattern("ipcdemo: %^%l%$: %v");
}
bool logger_made = false;

// The logger is made for the first line logged, not at start: most runs log
// nothing, and making it (a sink, a pattern compiled) was a tenth of the
// instructions of `ipcdemo mmap cat FILE`.
void make_logger() {
  // Colour only on a terminal (spdlog checks isatty), never when NO_COLOR is set.
  const char* no_color = std::getenv("NO_COLOR");
  const auto mode =
      (no_color != nullptr && *no_color != '\0') ? spdlog::color_mode::never : spdlog::color_mode::automatic;
  spdlog::set_default_logger(spdlog::stderr_color_st("ipcdemo", mode));
  logger_made = true;
  spdlog::set_level(to_spdlog(detail::current));
  apply_pattern(detail::current);
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
  if (!logger_made) return; // made with this level when first needed
  spdlog::set_level(to_spdlog(level));
  apply_pattern(level);
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
  if (!logger_made) make_logger();
  spdlog::default_logger_raw()->log(to_spdlog(level), escape::line(message));
}

} // namespace ipcdemo::log
