// SPDX-License-Identifier: MIT
#include "base/wrap.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

#include "base/utf8.hpp"

namespace ipcdemo {

namespace {

struct CodePointRange {
  char32_t first;
  char32_t last;
};
#include "base/char_width_table.inc"

template <std::size_t N>
bool in_ranges(const CodePointRange (&ranges)[N], char32_t code_point) {
  const auto* after =
      std::upper_bound(std::begin(ranges), std::end(ranges), code_point,
                       [](char32_t value, const CodePointRange& range) { return value < range.first; });
  return after != std::begin(ranges) && code_point <= std::prev(after)->last;
}

// The columns of the character at text[at] and its length in bytes; a byte that
// starts no well-formed sequence is one column (the escapers show it as \xNN).
std::pair<std::size_t, std::size_t> measure(std::string_view text, std::size_t at) {
  if (static_cast<unsigned char>(text[at]) < 0x80) return {1, 1};
  const auto sequence = utf8::decode(text, at);
  if (sequence.length == 0) return {1, 1};
  return {char_width(sequence.code_point), sequence.length};
}

// The byte offset at which the first `columns` columns of `text` end: a wide
// character that would straddle the end is left out, the marks that follow a
// character stay with it, and at least one character is taken.
std::size_t offset_of_column(std::string_view text, std::size_t columns) {
  std::size_t at = 0;
  std::size_t column = 0;
  while (at < text.size()) {
    const auto [width, length] = measure(text, at);
    if (at > 0 && column + width > columns) break;
    column += width;
    at += length;
  }
  return at;
}

std::string_view trim_right(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

std::string_view trim_left(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  return text;
}

} // namespace

std::size_t char_width(char32_t code_point) {
  if (code_point < 0x300) return 1; // ASCII and Latin-1 (their controls are escaped before they are shown)
  if (in_ranges(zero_width_ranges, code_point)) return 0;
  return in_ranges(wide_ranges, code_point) ? 2 : 1;
}

std::size_t display_width(std::string_view text) {
  std::size_t columns = 0;
  for (std::size_t at = 0; at < text.size();) {
    const auto [width, length] = measure(text, at);
    columns += width;
    at += length;
  }
  return columns;
}

std::string_view cut_to_width(std::string_view text, std::size_t width) {
  if (display_width(text) <= width) return text;
  std::size_t at = 0;
  std::size_t column = 0;
  while (at < text.size()) {
    const auto [columns, length] = measure(text, at);
    if (column + columns > width) break;
    column += columns;
    at += length;
  }
  return text.substr(0, at);
}

void append_padded(std::string& out, std::string_view text, std::size_t width, Align align) {
  const std::size_t shown = display_width(text);
  const std::size_t padding = width > shown ? width - shown : 0;
  if (align == Align::right) out.append(padding, ' ');
  out += text;
  if (align == Align::left) out.append(padding, ' ');
}

std::vector<std::string> wrap(std::string_view text, std::size_t width, std::string_view first,
                              std::string_view rest) {
  std::vector<std::string> lines;
  std::string_view prefix = first;
  text = trim_right(text);
  for (;;) {
    // At least one column for text, however wide the prefix.
    const std::size_t room = width > display_width(prefix) ? width - display_width(prefix) : std::size_t{1};
    if (display_width(text) <= room) {
      lines.push_back(std::string(prefix) + std::string(text));
      return lines;
    }
    const std::size_t limit = offset_of_column(text, room);
    // The last space that leaves the line within the width, past the text's own indent.
    const std::size_t indent = text.find_first_not_of(' ');
    std::size_t cut = text.rfind(' ', limit);
    std::size_t next = cut + 1;
    if (cut == std::string_view::npos || indent == std::string_view::npos || cut <= indent) {
      cut = limit; // no space to break at: break the word, keep every character
      next = limit;
    }
    lines.push_back(std::string(prefix) + std::string(trim_right(text.substr(0, cut))));
    text = trim_left(text.substr(next));
    prefix = rest;
    if (text.empty()) return lines;
  }
}

namespace {

// Where an indented row's text continues: past the indent and, for a row of a
// two-column table ("  racy    the ..."), past its first word and the spaces after.
std::size_t text_column(std::string_view line, std::size_t width) {
  const std::size_t indent = line.find_first_not_of(' ');
  const std::size_t gap = line.find("  ", indent);
  // No second column: an example at the margin goes on indented (a shell line),
  // the continuation of a table row stays under itself.
  if (gap == std::string_view::npos) return indent <= 2 ? indent + 2 : indent;
  const std::size_t text = line.find_first_not_of(' ', gap);
  // A column past half the width would leave too little room: under the indent, then.
  return text == std::string_view::npos || text > width / 2 ? indent + 2 : text;
}

} // namespace

std::string reflow(std::string_view text, std::size_t width) {
  std::string out;
  std::string paragraph;
  const auto flush = [&] {
    if (paragraph.empty()) return;
    for (const auto& line : wrap(paragraph, width)) out += line + "\n";
    paragraph.clear();
  };
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = trim_right(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.empty()) {
      flush();
      out += "\n";
    } else if (line.front() == ' ') {
      flush();
      const std::size_t comment = line.find("  # ");
      if (display_width(line) > width && comment != std::string_view::npos) {
        // An example with its comment: the comment goes above the command.
        const std::string indent(line.find_first_not_of(' '), ' ');
        for (const auto& row : wrap(trim_left(line.substr(comment)), width, indent, indent + "  "))
          out += row + "\n";
        const std::string_view command = trim_right(line.substr(0, comment));
        for (const auto& row : wrap(command, width, {}, indent + "  ")) out += row + "\n";
        continue;
      }
      for (const auto& row : wrap(line, width, {}, std::string(text_column(line, width), ' ')))
        out += row + "\n";
    } else {
      // Appended in place (GCC 12 at -O3 warns, wrongly, about "" + std::string&&).
      if (!paragraph.empty()) paragraph += ' ';
      paragraph += line;
    }
  }
  flush();
  return out;
}

} // namespace ipcdemo
