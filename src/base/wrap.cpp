// SPDX-License-Identifier: MIT
#include "base/wrap.hpp"

namespace ipcdemo {

std::string wrap(std::string_view text, std::size_t width, std::size_t first_indent, std::size_t indent) {
  std::string out(first_indent, ' ');
  std::size_t column = first_indent;
  bool line_has_word = false;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t start = text.find_first_not_of(' ', at);
    if (start == std::string_view::npos) break;
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (line_has_word && column + 1 + word.size() > width) {
      out += '\n';
      out.append(indent, ' ');
      column = indent;
      line_has_word = false;
    }
    if (line_has_word) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    line_has_word = true;
    at = end;
  }
  return out + '\n';
}

} // namespace ipcdemo
