#include "mq/message_format.hpp"

#include "mq/sample.hpp"

#include <string>

#include <gtest/gtest.h>

using namespace ipcdemo::mq;

namespace {
std::span<const std::byte> bytes_of(std::string_view text) { return std::as_bytes(std::span(text)); }

std::string text_of(const ReceivedMessage& message, bool first = true) {
  fmt::memory_buffer out;
  append_text(out, message, first);
  return fmt::to_string(out);
}

std::string json_of(const ReceivedMessage& message) {
  fmt::memory_buffer out;
  append_json(out, message);
  return fmt::to_string(out);
}
} // namespace

TEST(MqFormat, WritesIso8601WithNanoseconds) {
  EXPECT_EQ(iso8601_utc(0), "1970-01-01T00:00:00.000000000Z");
  EXPECT_EQ(iso8601_utc(1700000000123456789), "2023-11-14T22:13:20.123456789Z");
  EXPECT_EQ(iso8601_utc(-1), "1969-12-31T23:59:59.999999999Z");
}

TEST(MqFormat, WritesDurationsInHumanUnits) {
  EXPECT_EQ(human_duration(950), "950 ns");
  EXPECT_EQ(human_duration(35200), "35.2 µs");
  EXPECT_EQ(human_duration(1500000), "1.5 ms");
  EXPECT_EQ(human_duration(-2000000), "-2.0 ms");
  EXPECT_EQ(human_duration(2500000000), "2.50 s");
  EXPECT_EQ(human_duration(7200000000000), "2.0 h");
}

TEST(MqFormat, TellsTextFromBinary) {
  EXPECT_TRUE(is_printable_text(bytes_of("hello, queue")));
  EXPECT_TRUE(is_printable_text(bytes_of("two\nlines\t")));
  EXPECT_TRUE(is_printable_text(bytes_of("Grüße")));
  EXPECT_TRUE(is_printable_text(bytes_of("")));
  EXPECT_FALSE(is_printable_text(bytes_of(std::string_view("a\0b", 3))));
  EXPECT_FALSE(is_printable_text(bytes_of("\x01\x02")));
  EXPECT_FALSE(is_printable_text(bytes_of("\xff")));
  EXPECT_FALSE(is_printable_text(bytes_of("Gr\xc3")));           // cut-off UTF-8 sequence
  EXPECT_FALSE(is_printable_text(bytes_of("\xed\xa0\x80")));     // an encoded surrogate
  EXPECT_FALSE(is_printable_text(bytes_of("\xe0\x80\xaf")));     // overlong
  EXPECT_FALSE(is_printable_text(bytes_of("\xf4\x90\x80\x80"))); // above U+10FFFF
}

TEST(MqFormat, WritesHex) {
  EXPECT_EQ(hex_bytes(bytes_of("\x01\x02\xff")), "01 02 ff");
  EXPECT_EQ(hex_bytes(bytes_of("\x01\x02\xff"), ""), "0102ff");
}

TEST(MqFormat, PrintsASampleWithTheScreenplaysFieldsAndLatency) {
  const auto bytes = encode({.timestamp = 1700000000000000000, .value = 42.0, .channel = 7, .reserved = 0});
  const ReceivedMessage message{bytes, 3, 1700000000000035200};
  EXPECT_EQ(
      text_of(message),
      "prio: 3\nchannel: 7\ntimestamp: 2023-11-14T22:13:20.000000000Z (1700000000000000000)\nvalue: 42\n"
      "latency: 35.2 µs\n");
  EXPECT_EQ(text_of(message, false).substr(0, 8), "\nprio: 3");
  EXPECT_EQ(json_of(message),
            "{\"prio\":3,\"length\":24,\"channel\":7,\"timestamp\":\"2023-11-14T22:13:20.000000000Z\","
            "\"timestamp_ns\":1700000000000000000,\"value\":42,\"latency_ns\":35200}\n");
}

TEST(MqFormat, ShowsForeignMessagesAsTextOrHex) {
  EXPECT_EQ(text_of({bytes_of("hi"), 0, 0}),
            "prio: 0\nlength: 2 bytes (not a 24-byte sample)\ntext: \"hi\"\n");
  EXPECT_EQ(text_of({bytes_of("\x01\xff"), 0, 0}),
            "prio: 0\nlength: 2 bytes (not a 24-byte sample)\nhex: 01 ff\n");
  EXPECT_EQ(json_of({bytes_of("hi"), 1, 0}), "{\"prio\":1,\"length\":2,\"text\":\"hi\"}\n");
  EXPECT_EQ(json_of({bytes_of("\x01\xff"), 1, 0}), "{\"prio\":1,\"length\":2,\"hex\":\"01ff\"}\n");
}

TEST(MqFormat, ShowsNoTerminalControlsInText) {
  // Printable UTF-8 is shown as text, but C1 controls and bidi overrides in it are escaped.
  EXPECT_EQ(text_of({bytes_of("a\xc2\x9b"
                              "2J\xe2\x80\xae"
                              "b\nc"),
                     0, 0}),
            "prio: 0\nlength: 11 bytes (not a 24-byte sample)\ntext: \"a\\u009b2J\\u202eb\\nc\"\n");
  EXPECT_EQ(json_of({bytes_of("a\xe2\x80\xae"
                              "b"),
                     0, 0}),
            "{\"prio\":0,\"length\":5,\"text\":\"a\\u202eb\"}\n");
}

TEST(MqFormat, KeepsJsonValidForNonFiniteValues) {
  const auto bytes =
      encode({.timestamp = 0, .value = std::numeric_limits<double>::quiet_NaN(), .channel = 1});
  EXPECT_NE(json_of({bytes, 0, 0}).find("\"value\":null"), std::string::npos);
}

TEST(MqFormat, ATimestampFarOutOfRangeHasNoLatency) {
  // A sender may write any timestamp: arrival minus INT64_MIN does not fit (found by fuzz/mq_message.cpp).
  const auto bytes = encode({.timestamp = INT64_MIN, .value = 1, .channel = 1});
  EXPECT_NE(text_of({bytes, 0, INT64_MAX}).find("latency: unknown (the timestamp is out of range)"),
            std::string::npos);
  EXPECT_NE(json_of({bytes, 0, INT64_MAX}).find("\"latency_ns\":null"), std::string::npos);
}

TEST(MqFormat, ShowsANonZeroReservedField) {
  auto bytes = encode({.timestamp = 0, .value = 1, .channel = 1});
  bytes[20] = std::byte{5};
  EXPECT_NE(text_of({bytes, 0, 0}).find("reserved: 5 (should be 0"), std::string::npos);
  EXPECT_NE(json_of({bytes, 0, 0}).find("\"reserved\":5"), std::string::npos);
}
