// Values written into generated C source. Names come from users: whatever bytes
// a name holds, its literal must read back as exactly those bytes and can never
// end the string, start a comment or a directive, or drive the terminal the
// program is printed on.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace ipcdemo::showc {

// "/x\"y": a C string literal of exactly these bytes. Printable ASCII stays as it
// is; a quote and a backslash are escaped; every other byte (controls, DEL, any
// byte of UTF-8) is a three-digit octal escape, which no following digit can
// extend; a '?' after a '?' is escaped, so no trigraph (-std=c11 reads them) forms.
std::string string_literal(std::string_view bytes);

// 42.0, -2.5, 1e+300: the shortest double literal that reads back as `value`
// (finite, as every number ipcdemo accepts is).
std::string double_literal(double value);

// {.tv_sec = 1, .tv_nsec = 500000000}
std::string timespec_literal(std::chrono::nanoseconds duration);

// 100000: a whole number as a C literal of a type that holds it.
std::string count_literal(std::uint64_t value);

// 0600: permission bits as a C octal literal.
std::string mode_literal(unsigned mode);

} // namespace ipcdemo::showc
