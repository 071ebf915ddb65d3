// SPDX-License-Identifier: MIT
// Text that fits the reader's terminal, written once for every output that wraps
// or aligns (the tour's prose, the notes of the limits table, the columns of ls,
// who and watch): how many columns a text takes, and words filled into lines of
// a width.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ipcdemo {

// How many columns a terminal gives the character: 0 for a combining mark or a
// format character, 2 for an East Asian wide one or an emoji picture, else 1
// (scripts/gen-width-table: the Unicode database, as wcwidth(3) in a UTF-8 locale).
std::size_t char_width(char32_t code_point);

// How many columns `text` takes (UTF-8; a byte that starts no well-formed
// sequence counts one, as its escape will be shown). Names under /dev/shm may be
// anything: a column of them is padded by this, not by bytes.
std::size_t display_width(std::string_view text);

// The longest start of `text` that takes at most `width` columns (whole
// characters, never half a sequence).
std::string_view cut_to_width(std::string_view text, std::size_t width);

enum class Align { left, right };
// Appends `text` padded with spaces to `width` columns (nothing when it is wider).
void append_padded(std::string& out, std::string_view text, std::size_t width, Align align);

// `text` broken into lines of at most `width` columns: the first starts with
// `first`, the others with `rest`. Breaks at the last space that fits, keeping the
// spacing inside each line (tables stay aligned); a word longer than a whole line
// is broken inside it: nothing is ever cut off.
std::vector<std::string> wrap(std::string_view text, std::size_t width, std::string_view first = {},
                              std::string_view rest = {});

// Text written for help and man pages, filled to `width`: lines that start at
// column 0 are prose, joined and filled into lines as paragraphs (an empty line
// ends one); an indented line is a table row or an example, kept as it is, and
// when too wide broken under its own text column ("  racy    the ..." continues
// under "the"). Every line ends with a newline.
std::string reflow(std::string_view text, std::size_t width);

} // namespace ipcdemo
