// SPDX-License-Identifier: MIT
#include "base/json.hpp"

#include "base/escape.hpp"
#include "base/utf8.hpp"

#include <fmt/format.h>

#include <iterator>

namespace ipcdemo {

std::string json_string(std::string_view text) {
  std::string out = "\"";
  out.reserve(text.size() + 2);
  auto it = std::back_inserter(out);
  for (std::size_t i = 0; i < text.size();) {
    const utf8::Sequence sequence = utf8::decode(text, i);
    if (sequence.length == 0) {
      fmt::format_to(it, "\\udc{:02x}", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    switch (sequence.code_point) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (escape::is_hidden(sequence.code_point))
          fmt::format_to(it, "\\u{:04x}", static_cast<unsigned>(sequence.code_point));
        else
          out.append(text.substr(i, sequence.length));
    }
    i += sequence.length;
  }
  out += '"';
  return out;
}

} // namespace ipcdemo
