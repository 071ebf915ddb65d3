// SPDX-License-Identifier: MIT
#include "base/json.hpp"
#include "base/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

using ipcdemo::json_string;

namespace {
bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto sequence = ipcdemo::utf8::decode(text, i);
    if (sequence.length == 0) return false;
    i += sequence.length;
  }
  return true;
}
} // namespace

TEST(Json, StringsAreQuotedAndEscaped) {
  EXPECT_EQ(json_string("plain"), "\"plain\"");
  EXPECT_EQ(json_string("a\"b\\c\nd\x01"), "\"a\\\"b\\\\c\\nd\\u0001\"");
  EXPECT_EQ(json_string("tab\there\r"), "\"tab\\there\\r\"");
  EXPECT_EQ(json_string("\b\f\x7f\x1b"), "\"\\b\\f\\u007f\\u001b\"");
  EXPECT_EQ(json_string("µs"), "\"µs\"");
}

TEST(Json, EscapesC1AndBidiControlsThatDecodeUnchanged) {
  EXPECT_EQ(json_string("\xc2\x9b"), "\"\\u009b\"");
  EXPECT_EQ(json_string("a\xe2\x80\xae"
                        "b\xe2\x81\xa6"),
            "\"a\\u202eb\\u2066\"");
  EXPECT_EQ(json_string("\xe2\x80\xa8"), "\"\\u2028\"");
}

TEST(Json, MapsBytesThatAreNotUtf8ToLoneSurrogates) {
  // Python's surrogateescape: byte 0xXX becomes U+DCXX.
  EXPECT_EQ(json_string("a\xff"
                        "b"),
            "\"a\\udcffb\"");
  EXPECT_EQ(json_string("\x9b"), "\"\\udc9b\"");
  EXPECT_EQ(json_string("\xe2\x80"), "\"\\udce2\\udc80\"");
  EXPECT_EQ(json_string("\xed\xb2\x80"), "\"\\udced\\udcb2\\udc80\""); // an encoded surrogate is not UTF-8
  EXPECT_EQ(json_string("\xf0\x9f\x98\x80"), "\"\xf0\x9f\x98\x80\"");
}

TEST(Json, IsValidUtf8WhateverTheBytes) {
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  const std::string out = json_string(all + all);
  EXPECT_TRUE(valid_utf8(out));
  for (const char c : out) EXPECT_GE(static_cast<unsigned char>(c), 0x20U);
}
