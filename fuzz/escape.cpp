// SPDX-License-Identifier: MIT
// The escapers of src/base: escape::visible and escape::line leave nothing a
// terminal acts on, and visible is reversible; json_string is valid UTF-8 and
// gives the exact bytes back through its surrogateescape rule.
#include "check.hpp"

#include "base/json.hpp"

#include <string>

using namespace ipcdemo;

namespace {

unsigned long hex(std::string_view text, std::size_t at, std::size_t digits) {
  fuzz::require(at + digits <= text.size(), "an escape has all its digits");
  unsigned long value = 0;
  for (std::size_t k = 0; k < digits; ++k) {
    const char c = text[at + k];
    const bool digit = c >= '0' && c <= '9', letter = c >= 'a' && c <= 'f';
    fuzz::require(digit || letter, "escapes use lower-case hex digits");
    value = value * 16 + static_cast<unsigned long>(digit ? c - '0' : c - 'a' + 10);
  }
  return value;
}

void append_utf8(std::string& out, unsigned long code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xc0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3f));
  } else {
    out += static_cast<char>(0xe0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (code_point & 0x3f));
  }
}

// Reads escape::visible's output back into bytes.
std::string unescape_visible(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    fuzz::require(++i < text.size(), "no lone backslash at the end");
    switch (text[i]) {
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'v': out += '\v'; break;
      case 'f': out += '\f'; break;
      case 'r': out += '\r'; break;
      case 'e': out += '\x1b'; break;
      case '\\': out += '\\'; break;
      case 'x':
        out += static_cast<char>(hex(text, i + 1, 2));
        i += 2;
        break;
      case 'u':
        append_utf8(out, hex(text, i + 1, 4));
        i += 4;
        break;
      default: fuzz::require(false, "only the documented escapes");
    }
  }
  return out;
}

// Reads json_string's output back into bytes: \udcXX is byte XX (surrogateescape).
std::string decode_json(std::string_view literal) {
  fuzz::require(literal.size() >= 2 && literal.front() == '"' && literal.back() == '"', "a quoted literal");
  const std::string_view text = literal.substr(1, literal.size() - 2);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    fuzz::require(text[i] != '"', "quotes inside are escaped");
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    fuzz::require(++i < text.size(), "no lone backslash at the end");
    switch (text[i]) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        const unsigned long code_point = hex(text, i + 1, 4);
        i += 4;
        if (code_point >= 0xdc80 && code_point <= 0xdcff)
          out += static_cast<char>(code_point - 0xdc00);
        else
          append_utf8(out, code_point);
        break;
      }
      default: fuzz::require(false, "only JSON's escapes");
    }
  }
  return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw = fuzz::text_of(data, size);
  const std::string visible = escape::visible(raw);
  fuzz::require(fuzz::terminal_safe(visible), "visible: nothing a terminal acts on");
  fuzz::require(unescape_visible(visible) == raw, "visible: reversible");
  fuzz::require(fuzz::terminal_safe(escape::line(raw)), "line: nothing a terminal acts on");
  fuzz::require(escape::line(escape::visible(raw)) == escape::visible(raw), "line leaves escaped text alone");
  const std::string json = json_string(raw);
  fuzz::require(fuzz::terminal_safe(json), "json: valid UTF-8, no raw control");
  fuzz::require(decode_json(json) == raw, "json: surrogateescape gives the bytes back");
  return 0;
}
