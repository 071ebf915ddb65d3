// SPDX-License-Identifier: MIT
// What every fuzz target shares: a failed property is a crash, with the reason
// on stderr, so that libFuzzer saves the input that broke it.
#pragma once

#include "base/escape.hpp"
#include "base/log.hpp"
#include "base/utf8.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace ipcdemo::fuzz {

inline void require(bool ok, const char* property) {
  if (ok) return;
  std::fprintf(stderr, "fuzz property failed: %s\n", property);
  std::abort();
}

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Nothing a terminal acts on: well-formed UTF-8 without hidden code points, except
// the newlines that end lines when `newlines` allows them.
inline bool terminal_safe(std::string_view text, bool newlines = false) {
  for (std::size_t i = 0; i < text.size();) {
    const auto sequence = utf8::decode(text, i);
    if (sequence.length == 0) return false;
    if (escape::is_hidden(sequence.code_point) && !(newlines && sequence.code_point == '\n')) return false;
    i += sequence.length;
  }
  return true;
}

// Logging is off: the code under test may log a note, and the fuzzer's output is its own.
inline void quiet() { log::set_level(log::Level::off); }

} // namespace ipcdemo::fuzz
