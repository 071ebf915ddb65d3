// SPDX-License-Identifier: MIT
// The CLI11 the build uses (cmake/CLI11Copy.cmake) trims option names
// without making a std::locale: it must call white space exactly what the
// classic locale calls white space, for every char.
#include "cli/cli11.hpp"

#include <gtest/gtest.h>

#include <locale>
#include <string>
#include <vector>

TEST(CLI11Trim, TrimsWhatTheClassicLocaleCallsSpace) {
  const std::locale& classic = std::locale::classic();
  for (int code = 0; code < 256; ++code) {
    const char c = static_cast<char>(code);
    const std::string padded = std::string(1, c) + "x" + std::string(1, c);
    const std::string expected = std::isspace(c, classic) ? "x" : padded;
    EXPECT_EQ(CLI::detail::trim_copy(padded), expected) << "char " << code;
  }
}

TEST(CLI11Trim, SplitsOptionNamesWithSpacesAroundThem) {
  EXPECT_EQ(CLI::detail::split_names(" -c ,\t--count\n"), (std::vector<std::string>{"-c", "--count"}));
}
