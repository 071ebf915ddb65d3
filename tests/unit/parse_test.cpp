// SPDX-License-Identifier: MIT
#include "cli/parse.hpp"
#include "base/error.hpp"

#include <gtest/gtest.h>

using namespace ipcdemo;
using namespace std::chrono_literals;

TEST(ParseSize, AcceptsBytesAndIecMultiples) {
  EXPECT_EQ(parse::size("4096"), 4096U);
  EXPECT_EQ(parse::size("0"), 0U);
  EXPECT_EQ(parse::size("4K"), 4096U);
  EXPECT_EQ(parse::size("4k"), 4096U);
  EXPECT_EQ(parse::size("64KiB"), 65536U);
  EXPECT_EQ(parse::size("1M"), 1048576U);
  EXPECT_EQ(parse::size("1G"), 1073741824U);
  EXPECT_EQ(parse::size("2T"), 2ULL << 40);
  EXPECT_EQ(parse::size("12B"), 12U);
}

TEST(ParseSize, RejectsGarbageNegativesAndOverflow) {
  for (const char* bad :
       {"", "K", "-1", "4X", "1.5M", " 4", "4 K", "0x10", "18446744073709551616", "17179869184G"})
    EXPECT_THROW(parse::size(bad), UsageError) << bad;
}

TEST(ParseDuration, AcceptsUnitsAndBareSeconds) {
  EXPECT_EQ(parse::duration("1s"), 1s);
  EXPECT_EQ(parse::duration("250ms"), 250ms);
  EXPECT_EQ(parse::duration("10us"), 10us);
  EXPECT_EQ(parse::duration("500ns"), 500ns);
  EXPECT_EQ(parse::duration("2m"), 2min);
  EXPECT_EQ(parse::duration("1h"), 1h);
  EXPECT_EQ(parse::duration("3"), 3s);
  EXPECT_EQ(parse::duration("1.5s"), 1500ms);
  EXPECT_EQ(parse::duration(".5s"), 500ms);
  EXPECT_EQ(parse::duration("2.ms"), 2ms);
  EXPECT_EQ(parse::duration("0"), 0ns);
}

TEST(ParseDuration, RejectsGarbageNegativesAndOverflow) {
  for (const char* bad : {"", "s", "-1s", "1x", "1.2.3s", ".", "1 s", "99999999999h", "1e3"})
    EXPECT_THROW(parse::duration(bad), UsageError) << bad;
}

TEST(ParseMode, AcceptsOctal) {
  EXPECT_EQ(parse::mode("600"), 0600U);
  EXPECT_EQ(parse::mode("0644"), 0644U);
  EXPECT_EQ(parse::mode("0o660"), 0660U);
  EXPECT_EQ(parse::mode("777"), 0777U);
  EXPECT_EQ(parse::mode("0"), 0U);
}

TEST(ParseMode, RejectsSetuidSetgidAndSticky) {
  for (const char* bad : {"4755", "2755", "1777", "7777", "04600", "0o1000"})
    EXPECT_THROW(parse::mode(bad), UsageError) << bad;
}

TEST(ParseMode, RejectsNonOctalAndTooLarge) {
  for (const char* bad : {"", "8", "0o", "rw-", "-600", "10000", "0x600", "600 "})
    EXPECT_THROW(parse::mode(bad), UsageError) << bad;
}

TEST(ParseInteger, RespectsTheMaximum) {
  EXPECT_EQ(parse::unsigned_integer("7"), 7U);
  EXPECT_EQ(parse::unsigned_integer("10", 10), 10U);
  EXPECT_THROW(parse::unsigned_integer("11", 10), UsageError);
  EXPECT_THROW(parse::unsigned_integer("-1"), UsageError);
  EXPECT_THROW(parse::unsigned_integer("+1"), UsageError);
  EXPECT_THROW(parse::unsigned_integer("99999999999999999999"), UsageError);
}

TEST(ParseNumber, AcceptsFiniteDecimals) {
  EXPECT_DOUBLE_EQ(parse::number("42"), 42.0);
  EXPECT_DOUBLE_EQ(parse::number("-2.5"), -2.5);
  EXPECT_DOUBLE_EQ(parse::number("1e3"), 1000.0);
  EXPECT_DOUBLE_EQ(parse::number("1E-3"), 0.001);
  EXPECT_DOUBLE_EQ(parse::number(".5"), 0.5);
  EXPECT_DOUBLE_EQ(parse::number("5."), 5.0);
  EXPECT_DOUBLE_EQ(parse::number("-0.25e+2"), -25.0);
  for (const char* bad : {"", "abc", "1.0x", "inf", "nan", "1e999", "-inf", "infinity"})
    EXPECT_THROW(parse::number(bad), UsageError) << bad;
}

// The same text in every build, whichever standard library reads the double:
// only plain decimals, as std::from_chars takes them (strtod would take the rest).
TEST(ParseNumber, RejectsWhatOnlyStrtodWouldRead) {
  for (const char* bad :
       {" 1", "1 ", "+1", "0x10", "0x1p3", "1e", "1e+", "-", ".", "-.", "1..2", "1.2.3", "e3", "1,5"})
    EXPECT_THROW(parse::number(bad), UsageError) << bad;
}
