#include "base/json.hpp"

#include <gtest/gtest.h>

using ipcdemo::json_string;

TEST(Json, StringsAreQuotedAndEscaped) {
  EXPECT_EQ(json_string("plain"), "\"plain\"");
  EXPECT_EQ(json_string("a\"b\\c\nd\x01"), "\"a\\\"b\\\\c\\nd\\u0001\"");
  EXPECT_EQ(json_string("tab\there\r"), "\"tab\\there\\r\"");
  EXPECT_EQ(json_string("µs"), "\"µs\"");
}
