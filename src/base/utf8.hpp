// SPDX-License-Identifier: MIT
// UTF-8 as the escapers read it: one well-formed sequence at a time, by the rules of
// RFC 3629 (Unicode table 3-7): no overlong forms, no surrogates, nothing above
// U+10FFFF. Names under /dev/shm and message bodies are arbitrary bytes, so every
// byte that does not start a well-formed sequence must be escaped, never guessed at.
#pragma once

#include <cstddef>
#include <string_view>

namespace ipcdemo::utf8 {

struct Sequence {
  char32_t code_point = 0;
  std::size_t length = 0; // 0: the byte at `at` starts no well-formed sequence
};

// The sequence that starts at text[at] (at < text.size()).
Sequence decode(std::string_view text, std::size_t at);

} // namespace ipcdemo::utf8
