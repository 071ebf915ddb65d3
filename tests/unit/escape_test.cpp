// SPDX-License-Identifier: MIT
// The terminal escaper (base/escape) and the UTF-8 reader under it (base/utf8).
#include "base/escape.hpp"
#include "base/utf8.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

using namespace ipcdemo;

namespace {

// Reads escape::visible's output back into bytes: the escapes are reversible.
std::string unescape(std::string_view text) {
  std::string out;
  const auto hex = [&](std::size_t at, std::size_t digits) {
    return std::stoul(std::string(text.substr(at, digits)), nullptr, 16);
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    const char kind = text[++i];
    switch (kind) {
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
        out += static_cast<char>(hex(i + 1, 2));
        i += 2;
        break;
      case 'u': {
        const auto code_point = hex(i + 1, 4);
        i += 4;
        // Only C1 controls and U+20xx are escaped this way: two or three UTF-8 bytes.
        if (code_point < 0x800) {
          out += static_cast<char>(0xc0 | (code_point >> 6));
        } else {
          out += static_cast<char>(0xe0 | (code_point >> 12));
          out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3f));
        }
        out += static_cast<char>(0x80 | (code_point & 0x3f));
        break;
      }
      default: ADD_FAILURE() << "unknown escape \\" << kind;
    }
  }
  return out;
}

// Nothing a terminal acts on is left: every byte is part of well-formed UTF-8, and
// no code point is a control, DEL or a bidi control.
bool terminal_safe(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto sequence = utf8::decode(text, i);
    if (sequence.length == 0 || escape::is_hidden(sequence.code_point)) return false;
    i += sequence.length;
  }
  return true;
}

} // namespace

TEST(Utf8, DecodesWellFormedSequences) {
  EXPECT_EQ(utf8::decode("a", 0).code_point, U'a');
  EXPECT_EQ(utf8::decode("\xc2\xb5", 0).code_point, U'\u00b5');
  EXPECT_EQ(utf8::decode("\xe2\x80\xae", 0).code_point, U'\u202e');
  EXPECT_EQ(utf8::decode("\xf0\x9f\x98\x80", 0).code_point, U'\U0001f600');
  EXPECT_EQ(utf8::decode("\xf4\x8f\xbf\xbf", 0).length, 4U);
}

TEST(Utf8, RefusesWhatRfc3629Refuses) {
  for (const char* bad : {"\x80", "\xbf", "\xc0\x80", "\xc1\xbf", "\xe0\x80\x80", "\xed\xa0\x80",
                          "\xed\xbf\xbf", "\xf0\x80\x80\x80", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff",
                          "\xc2", "\xe2\x80", "\xe2\x28\xa1"})
    EXPECT_EQ(utf8::decode(bad, 0).length, 0U) << testing::PrintToString(std::string(bad));
}

TEST(Escape, LeavesPrintableTextAlone) {
  EXPECT_EQ(escape::visible("/demo-1 ok"), "/demo-1 ok");
  EXPECT_EQ(escape::visible("µs Grüße 🙂"), "µs Grüße 🙂");
}

TEST(Escape, ShowsC0ControlsAndDel) {
  EXPECT_EQ(escape::visible("a\nb\tc\rd\x1b[2Je\x7f\x01\a\b\v\f"),
            "a\\nb\\tc\\rd\\e[2Je\\x7f\\x01\\a\\b\\v\\f");
  EXPECT_EQ(escape::visible(std::string("nul\0x", 5)), "nul\\x00x");
}

TEST(Escape, ShowsC1ControlsWrittenAsUtf8AndAsRawBytes) {
  EXPECT_EQ(escape::visible("\xc2\x9b"
                            "31m"),
            "\\u009b31m"); // U+009B CSI, as UTF-8
  EXPECT_EQ(escape::visible("\x9b"
                            "31m"),
            "\\x9b31m"); // 0x9B, the 8-bit CSI byte
  EXPECT_EQ(escape::visible("\xc2\x80\xc2\x9f"), "\\u0080\\u009f");
}

TEST(Escape, ShowsBidiOverridesIsolatesAndLineSeparators) {
  EXPECT_EQ(escape::visible("abc\xe2\x80\xae"
                            "fed"),
            "abc\\u202efed");
  EXPECT_EQ(escape::visible("\xe2\x80\xaa\xe2\x81\xa6\xe2\x81\xa9"), "\\u202a\\u2066\\u2069");
  EXPECT_EQ(escape::visible("\xe2\x80\xa8\xe2\x80\xa9"), "\\u2028\\u2029");
  EXPECT_EQ(escape::visible("\xe2\x80\xa9x\xe2\x80\xaf"), "\\u2029x\xe2\x80\xaf"); // U+202F is a space
}

TEST(Escape, ShowsEachByteOfInvalidUtf8) {
  EXPECT_EQ(escape::visible("a\xff"
                            "b"),
            "a\\xffb");
  EXPECT_EQ(escape::visible("\xe2\x80"), "\\xe2\\x80");
  EXPECT_EQ(escape::visible("\xc0\xaf"), "\\xc0\\xaf");          // overlong '/'
  EXPECT_EQ(escape::visible("\xed\xa0\x80"), "\\xed\\xa0\\x80"); // a surrogate
}

TEST(Escape, DoublesTheBackslashInNamesButNotInComposedLines) {
  EXPECT_EQ(escape::visible("a\\nb"), "a\\\\nb");
  EXPECT_EQ(escape::line("open(\"a\\nb\") = -1"), "open(\"a\\nb\") = -1");
  EXPECT_EQ(escape::line("name 'x\ny'\x1b[K"), "name 'x\\ny'\\e[K");
}

TEST(Escape, NewlineInANameCannotForgeALine) {
  const std::string shown = escape::visible("/x\nshm  /forged  4096 0600  root");
  EXPECT_EQ(shown.find('\n'), std::string::npos);
}

TEST(Escape, IsReversibleAndTerminalSafeForEveryByte) {
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  EXPECT_EQ(unescape(escape::visible(all)), all);
  EXPECT_TRUE(terminal_safe(escape::visible(all)));
  EXPECT_TRUE(terminal_safe(escape::line(all)));

  std::mt19937 random(20261128);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 2000; ++round) {
    std::string raw;
    for (int i = round % 40; i > 0; --i) raw += static_cast<char>(byte(random));
    if (round % 3 == 0) raw += "\xe2\x80\xae\xc2\x9b\xf0\x9f\x98\x80";
    const std::string shown = escape::visible(raw);
    ASSERT_EQ(unescape(shown), raw) << testing::PrintToString(raw);
    ASSERT_TRUE(terminal_safe(shown)) << testing::PrintToString(raw);
  }
}
