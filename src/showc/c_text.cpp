#include "showc/c_text.hpp"

#include <fmt/format.h>

namespace ipcdemo::showc {

std::string string_literal(std::string_view bytes) {
  std::string out = "\"";
  char previous = 0;
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\' || (c == '?' && previous == '?')) {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte >= 0x7f) {
      out += fmt::format("\\{:03o}", byte);
    } else {
      out += c;
    }
    previous = c;
  }
  return out + "\"";
}

std::string double_literal(double value) {
  std::string text = fmt::format("{}", value);
  // "42" would be an int: a double literal needs a point or an exponent.
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

std::string timespec_literal(std::chrono::nanoseconds duration) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(duration);
  return fmt::format("{{.tv_sec = {}, .tv_nsec = {}}}", seconds.count(), (duration - seconds).count());
}

std::string count_literal(std::uint64_t value) {
  // Unsuffixed, a decimal literal is signed: beyond INT64_MAX it needs the u.
  return fmt::format("{}{}", value, value > static_cast<std::uint64_t>(INT64_MAX) ? "u" : "");
}

std::string mode_literal(unsigned mode) { return fmt::format("0{:03o}", mode); }

} // namespace ipcdemo::showc
