// SPDX-License-Identifier: MIT
// The value parsers of src/cli/parse: every input is either a value within the
// documented range or a UsageError (exit 2); nothing else may come out.
#include "check.hpp"

#include "base/error.hpp"
#include "cli/parse.hpp"

#include <cmath>

using namespace ipcdemo;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::text_of(data, size);
  // Whatever a parser says about the text is shown escaped.
  const auto refused = [](const UsageError& error) {
    fuzz::require(fuzz::terminal_safe(error.line()), "error line");
  };
  try {
    (void)parse::size(text);
  } catch (const UsageError& error) {
    refused(error);
  }
  try {
    fuzz::require(parse::duration(text).count() >= 0, "a duration is never negative");
  } catch (const UsageError& error) {
    refused(error);
  }
  try {
    fuzz::require(parse::mode(text) <= 0777, "a mode is permission bits only");
  } catch (const UsageError& error) {
    refused(error);
  }
  for (const std::uint64_t max : {std::uint64_t{0}, std::uint64_t{4194304}, UINT64_MAX}) {
    try {
      fuzz::require(parse::unsigned_integer(text, max) <= max, "a whole number is at most max");
    } catch (const UsageError& error) {
      refused(error);
    }
  }
  try {
    fuzz::require(std::isfinite(parse::number(text)), "a number is finite");
  } catch (const UsageError& error) {
    refused(error);
  }
  return 0;
}
