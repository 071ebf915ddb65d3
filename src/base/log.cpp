// SPDX-License-Identifier: MIT
#include "base/log.hpp"

#include "base/escape.hpp"
#include "base/wrap.hpp"

#include <spdlog/logger.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

namespace ipcdemo::log {

namespace {
constexpr std::array<std::string_view, 6> names = {"trace", "debug", "info", "warn", "error", "off"};

spdlog::level::level_enum to_spdlog(Level level) {
  return static_cast<spdlog::level::level_enum>(static_cast<int>(level));
}

bool with_time = false;

std::optional<int> (*width_source)() = nullptr;
// The terminal's columns, asked once; 0: no terminal, lines stay whole.
std::size_t line_width() {
  static const std::size_t width = [] {
    const std::optional<int> columns = width_source != nullptr ? width_source() : std::nullopt;
    return columns && *columns >= 20 ? static_cast<std::size_t>(*columns) : std::size_t{0};
  }();
  return width;
}

// The columns spdlog puts before a message (pattern_for).
std::size_t prefix_width(Level level, bool narration) {
  std::size_t width = with_time ? std::string_view("12:01:30.118205 [").size() + 2 +
                                      std::to_string(static_cast<long>(::getpid())).size()
                                : 0;
  if (!narration) {
    const std::string_view name = level == Level::warn ? "warning" : names[static_cast<std::size_t>(level)];
    width += (with_time ? 0 : std::string_view("ipcdemo: ").size()) + name.size() + 2;
  }
  return width;
}

// Short lines: `ipcdemo: warning: ...` for what a command says, the bare call for
// narration (`sys: ftruncate(3, 4096) = 0`), so that a call fits an 80-column
// pane. Time and PID only when asked (set_timestamps): a producer and a consumer
// narrating into the same terminal.
std::string pattern_for(bool narration) {
  std::string pattern = with_time ? "%H:%M:%S.%f [%P] " : "";
  pattern += narration ? "%v" : (with_time ? "%^%l%$: %v" : "ipcdemo: %^%l%$: %v");
  return pattern;
}

// Our own loggers, not spdlog's registry: the registry makes a default stdout
// logger of its own when first touched, and nothing here looks loggers up by name.
// One for what a command says, one for narrated calls: each has its own pattern,
// both write to stderr.
std::unique_ptr<spdlog::logger> logger;
std::unique_ptr<spdlog::logger> call_logger;

void apply(spdlog::logger& to, bool narration) {
  to.set_level(to_spdlog(detail::current));
  to.set_formatter(std::make_unique<spdlog::pattern_formatter>(pattern_for(narration)));
}

void apply_all() {
  if (logger) apply(*logger, false);
  if (call_logger) apply(*call_logger, true);
}

// A logger is made for the first line it logs, not at start: most runs log
// nothing, and making it (a sink, a pattern compiled) was a tenth of the
// instructions of `ipcdemo mmap cat FILE`.
std::unique_ptr<spdlog::logger> make_logger(bool narration) {
  // Colour only on a terminal (spdlog checks isatty), never when NO_COLOR is set.
  const char* no_color = std::getenv("NO_COLOR");
  const auto mode =
      (no_color != nullptr && *no_color != '\0') ? spdlog::color_mode::never : spdlog::color_mode::automatic;
  auto made = std::make_unique<spdlog::logger>("ipcdemo",
                                               std::make_shared<spdlog::sinks::stderr_color_sink_st>(mode));
  apply(*made, narration);
  return made;
}
} // namespace

void init() {
  const char* time_env = std::getenv("IPCDEMO_LOG_TIME");
  with_time = time_env != nullptr && *time_env != '\0' && std::string_view(time_env) != "0";
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
  apply_all(); // a logger not made yet is made with this level when first needed
}

void set_width_source(std::optional<int> (*source)()) { width_source = source; }

std::string fit_to_terminal(std::string text, std::size_t prefix, std::size_t indent) {
  const std::size_t width = line_width();
  if (width == 0 || prefix + display_width(text) <= width) return text;
  indent = std::min(indent, width / 2);
  const auto lines = wrap(text, width, std::string(prefix, ' '), std::string(indent, ' '));
  std::string out;
  for (const auto& line : lines) out += (out.empty() ? line.substr(prefix) : "\n" + line);
  return out;
}

void set_timestamps(bool on) {
  with_time = on;
  apply_all();
}

bool timestamps() { return with_time; }

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
  if (!logger) logger = make_logger(false);
  // A message's continuation lines start under its first word.
  const std::size_t prefix = prefix_width(level, false);
  logger->log(to_spdlog(level), fit_to_terminal(escape::line(message), prefix, prefix));
}

void detail::write_call(Level level, std::string_view message) {
  if (!call_logger) call_logger = make_logger(true);
  // A call's continuation lines are indented past its own indent ("sys: ", a note's "  # ").
  std::string line = escape::line(message);
  const std::size_t indent = line.find_first_not_of(' ');
  const std::size_t prefix = prefix_width(level, true);
  call_logger->log(to_spdlog(level),
                   fit_to_terminal(std::move(line), prefix, (indent == std::string::npos ? 0 : indent) + 4));
}

} // namespace ipcdemo::log
