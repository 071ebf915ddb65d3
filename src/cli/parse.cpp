// SPDX-License-Identifier: MIT
#include "cli/parse.hpp"

#include "base/error.hpp"

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <utility>

namespace ipcdemo::parse {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  return true;
}

// Splits "250ms" into the leading decimal number ("250") and the rest ("ms").
std::pair<std::string_view, std::string_view> split_number(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == '.')) ++i;
  return {text.substr(0, i), text.substr(i)};
}

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

// The whole text is a decimal number as std::from_chars reads a double: an
// optional minus, digits with at most one point among them, an optional exponent.
bool plain_decimal(std::string_view text) {
  std::size_t i = 0;
  const auto digits = [&] {
    std::size_t count = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) ++count;
    return count;
  };
  if (i < text.size() && text[i] == '-') ++i;
  std::size_t mantissa = digits();
  if (i < text.size() && text[i] == '.') {
    ++i;
    mantissa += digits();
  }
  if (mantissa == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == text.size();
}

// The double the text names, if it is a plain decimal that fits one. Read with
// std::strtod, not std::from_chars: libc++ (the libcxx preset; LLVM 14 and 19)
// has no from_chars for floating point. The text is checked first, so strtod sees
// only what from_chars would take (no white space, '+', hexadecimal, "inf" or
// "nan"); ipcdemo never calls setlocale(), so the decimal point is the C locale's.
std::optional<double> decimal(std::string_view text) {
  if (!plain_decimal(text)) return std::nullopt;
  const std::string terminated(text); // strtod reads up to a NUL
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(terminated.c_str(), &end);
  if (end != terminated.c_str() + terminated.size()) return std::nullopt;
  // Out of range as from_chars has it: too large, or too small for any double
  // (strtod's ERANGE for a subnormal result is not, and neither is its value).
  if (errno == ERANGE && (value == 0 || std::isinf(value))) return std::nullopt;
  return value;
}

} // namespace

std::uint64_t unsigned_integer(std::string_view text, std::uint64_t max) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (!all_digits(text) || ec == std::errc::result_out_of_range || value > max)
    throw UsageError(fmt::format("'{}' is not a whole number from 0 to {}", text, max));
  (void)end;
  return value;
}

double number(std::string_view text) {
  const std::optional<double> value = decimal(text);
  if (!value || !std::isfinite(*value))
    throw UsageError(fmt::format("'{}' is not a number (examples: 42, -2.5, 1e3)", text));
  return *value;
}

std::uint64_t size(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, unsigned>, 13> units = {{
      {"", 0},
      {"b", 0},
      {"k", 10},
      {"kb", 10},
      {"kib", 10},
      {"m", 20},
      {"mib", 20},
      {"g", 30},
      {"gib", 30},
      {"t", 40},
      {"tib", 40},
      {"mb", 20},
      {"gb", 30},
  }};
  const auto fail = [&] {
    return UsageError(fmt::format("'{}' is not a size (examples: 4096, 4K, 64KiB, 1M, 1G)", text));
  };
  const auto [digits, unit] = split_number(text);
  if (!all_digits(digits)) throw fail();
  std::uint64_t value = 0;
  if (std::from_chars(digits.data(), digits.data() + digits.size(), value).ec != std::errc()) throw fail();
  for (const auto& [name, shift] : units) {
    if (!iequals(unit, name)) continue;
    if (shift > 0 && value > (std::numeric_limits<std::uint64_t>::max() >> shift))
      throw UsageError(fmt::format("size '{}' is too large", text));
    return value << shift;
  }
  throw fail();
}

std::chrono::nanoseconds duration(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, double>, 9> units = {{
      {"", 1e9},
      {"s", 1e9},
      {"ms", 1e6},
      {"us", 1e3},
      {"µs", 1e3},
      {"ns", 1},
      {"m", 60e9},
      {"min", 60e9},
      {"h", 3600e9},
  }};
  const auto fail = [&] {
    return UsageError(fmt::format("'{}' is not a duration (examples: 1s, 250ms, 10us, 2m, 0)", text));
  };
  const auto [digits, unit] = split_number(text);
  if (digits.empty() || digits == "." || digits.find('.') != digits.rfind('.')) throw fail();
  const std::optional<double> value = decimal(digits);
  if (!value) throw fail();
  for (const auto& [name, scale] : units) {
    if (unit != name) continue;
    const double nanoseconds = *value * scale;
    // Nanoseconds in an int64 last about 292 years: anything longer is a typo.
    if (!(nanoseconds < 9.2e18)) throw UsageError(fmt::format("duration '{}' is too long", text));
    return std::chrono::nanoseconds(static_cast<std::int64_t>(std::llround(nanoseconds)));
  }
  throw fail();
}

mode_t mode(std::string_view text) {
  std::string_view digits = text;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'o' || digits[1] == 'O'))
    digits.remove_prefix(2);
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value, 8);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || value > 07777)
    throw UsageError(fmt::format("'{}' is not an octal mode (examples: 600, 0644, 0o660)", text));
  // Set-user-ID, set-group-ID and sticky mean nothing for an IPC object, and a
  // set-user-ID bit on a file in /dev/shm only invites mistakes: permission bits only.
  if (value > 0777)
    throw UsageError(
        fmt::format("'{}' has setuid, setgid or sticky bits (07000): a mode here is permission "
                    "bits only, 0 to 0777",
                    text));
  return static_cast<mode_t>(value);
}

} // namespace ipcdemo::parse
