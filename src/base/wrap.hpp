// SPDX-License-Identifier: MIT
// Prose that fits the reader's terminal: words filled into lines of a width,
// every line after the first indented (for a table's notes, a tour's text).
// Widths count bytes: the texts wrapped are ipcdemo's own, in ASCII; a word
// longer than the line stands alone on its line rather than being cut.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ipcdemo {

// `text` filled into lines of at most `width` columns, the first starting
// `first_indent` spaces in, the others `indent` in; lines end in '\n'.
std::string wrap(std::string_view text, std::size_t width, std::size_t first_indent, std::size_t indent);

} // namespace ipcdemo
