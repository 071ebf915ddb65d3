// SPDX-License-Identifier: MIT
// Text that fits the reader's terminal, written once for every output that wraps
// (the tour's prose, the notes of the limits table): how many columns a text
// takes, and words filled into lines of a width.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ipcdemo {

// How many columns `text` takes: one per UTF-8 character (ipcdemo's text and the
// commands' output are plain text, no wide characters or escape sequences).
std::size_t display_width(std::string_view text);

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
