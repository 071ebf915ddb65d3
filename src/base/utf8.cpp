// SPDX-License-Identifier: MIT
#include "base/utf8.hpp"

namespace ipcdemo::utf8 {

namespace {
bool continuation(unsigned char c, unsigned char low = 0x80, unsigned char high = 0xbf) {
  return c >= low && c <= high;
}
} // namespace

Sequence decode(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[at + k]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {lead, 1};
  std::size_t length = 0;
  // The second byte's range narrows for E0, ED, F0 and F4: that is what rules out
  // overlong forms, surrogates (U+D800..U+DFFF) and code points above U+10FFFF.
  unsigned char low = 0x80, high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead == 0xe0) low = 0xa0;
    if (lead == 0xed) high = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead == 0xf0) low = 0x90;
    if (lead == 0xf4) high = 0x8f;
  } else {
    return {}; // 80..C1 (continuation or overlong lead), F5..FF
  }
  if (text.size() - at < length) return {};
  if (!continuation(byte(1), low, high)) return {};
  char32_t code_point = lead & (length == 2 ? 0x1f : length == 3 ? 0x0f : 0x07);
  code_point = (code_point << 6) | (byte(1) & 0x3f);
  for (std::size_t k = 2; k < length; ++k) {
    if (!continuation(byte(k))) return {};
    code_point = (code_point << 6) | (byte(k) & 0x3f);
  }
  return {code_point, length};
}

} // namespace ipcdemo::utf8
