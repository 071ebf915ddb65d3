// SPDX-License-Identifier: MIT
#include "base/escape.hpp"

#include "base/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace ipcdemo::escape {

namespace {

// Printable ASCII other than the backslash needs no look at all: the common case.
bool plain(std::string_view text, bool escape_backslash) {
  return std::all_of(text.begin(), text.end(), [&](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte < 0x7f && !(escape_backslash && c == '\\');
  });
}

void append_control(std::string& out, char32_t code_point) {
  switch (code_point) {
    case '\a': out += "\\a"; return;
    case '\b': out += "\\b"; return;
    case '\t': out += "\\t"; return;
    case '\n': out += "\\n"; return;
    case '\v': out += "\\v"; return;
    case '\f': out += "\\f"; return;
    case '\r': out += "\\r"; return;
    case 0x1b: out += "\\e"; return;
    default: break;
  }
  if (code_point < 0x80)
    fmt::format_to(std::back_inserter(out), "\\x{:02x}", static_cast<unsigned>(code_point));
  else
    fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(code_point));
}

std::string escaped(std::string_view raw, bool escape_backslash) {
  if (plain(raw, escape_backslash)) return std::string(raw);
  std::string out;
  out.reserve(raw.size() + 16);
  for (std::size_t i = 0; i < raw.size();) {
    const utf8::Sequence sequence = utf8::decode(raw, i);
    if (sequence.length == 0) {
      fmt::format_to(std::back_inserter(out), "\\x{:02x}", static_cast<unsigned char>(raw[i]));
      ++i;
      continue;
    }
    if (is_hidden(sequence.code_point))
      append_control(out, sequence.code_point);
    else if (escape_backslash && sequence.code_point == '\\')
      out += "\\\\";
    else
      out.append(raw.substr(i, sequence.length));
    i += sequence.length;
  }
  return out;
}

} // namespace

bool is_hidden(char32_t c) {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
         (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
}

std::string visible(std::string_view raw) { return escaped(raw, true); }

std::string line(std::string_view composed) { return escaped(composed, false); }

} // namespace ipcdemo::escape
