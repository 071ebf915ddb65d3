// SPDX-License-Identifier: MIT
#include "mq/message_format.hpp"

#include "mq/sample.hpp"

#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

using namespace ipcdemo::mq;

namespace {
// (pointer and size: libc++ 14 deduces std::span(string_view) as span<char>)
std::span<const std::byte> bytes_of(std::string_view text) {
  return std::as_bytes(std::span(text.data(), text.size()));
}

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
  EXPECT_NE(text_of({bytes, 0, INT64_MAX}).find("latency: timestamp not plausible"), std::string::npos);
  EXPECT_NE(json_of({bytes, 0, INT64_MAX}).find("\"latency_ns\":null"), std::string::npos);
}

TEST(MqFormat, ShowsANonZeroReservedField) {
  auto bytes = encode({.timestamp = 0, .value = 1, .channel = 1});
  bytes[20] = std::byte{5};
  EXPECT_NE(text_of({bytes, 0, 0}).find("reserved: 5 (should be 0"), std::string::npos);
  EXPECT_NE(json_of({bytes, 0, 0}).find("\"reserved\":5"), std::string::npos);
}

namespace {
constexpr std::int64_t now_ns = 1'795'000'000'123'456'789; // 2026-11-18T11:06:40Z
}

TEST(MqFormat, ShowsA24ByteTextMessageAsTextAndNotesThatItIsNoSample) {
  const std::string_view text = "hello, queue, 24 bytes!!";
  ASSERT_EQ(text.size(), sample_size);
  const std::string shown = text_of({bytes_of(text), 0, now_ns});
  EXPECT_NE(shown.find("length: 24 bytes, but not like a sample: reserved is "), std::string::npos) << shown;
  EXPECT_NE(shown.find("the timestamp is not plausible"), std::string::npos) << shown;
  EXPECT_NE(shown.find("text: \"hello, queue, 24 bytes!!\"\n"), std::string::npos) << shown;
  EXPECT_NE(shown.find("latency: timestamp not plausible\n"), std::string::npos) << shown;
  const std::string json = json_of({bytes_of(text), 0, now_ns});
  EXPECT_NE(json.find("\"text\":\"hello, queue, 24 bytes!!\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"timestamp\":null"), std::string::npos) << json;
  EXPECT_NE(json.find("\"latency_ns\":null"), std::string::npos) << json;
  EXPECT_NE(json.find("\"note\":\"not like a sample: "), std::string::npos) << json;
}

TEST(MqFormat, AnImplausibleTimestampGivesNoLatency) {
  for (const std::int64_t timestamp : {INT64_MIN, INT64_MAX, std::int64_t{-1}, std::int64_t{0},
                                       now_ns + 2 * 86'400'000'000'000, std::int64_t{946'684'799}}) {
    const auto bytes = encode({.timestamp = timestamp, .value = 1.5, .channel = 2});
    const std::string shown = text_of({bytes, 0, now_ns});
    EXPECT_NE(shown.find("latency: timestamp not plausible\n"), std::string::npos) << timestamp << shown;
    EXPECT_EQ(shown.find("days"), std::string::npos) << shown;
    EXPECT_NE(shown.find("hex: "), std::string::npos) << shown; // and the bytes as they are
    EXPECT_NE(json_of({bytes, 0, now_ns}).find("\"latency_ns\":null"), std::string::npos);
  }
}

TEST(MqFormat, ATimestampInSecondsIsShownAsSecondsWithANote) {
  const std::int64_t seconds = now_ns / 1'000'000'000 - 2; // time(NULL), two seconds ago
  const auto bytes = encode({.timestamp = seconds, .value = 42.0, .channel = 7});
  EXPECT_EQ(classify_timestamp(seconds, now_ns), Stamp::seconds);
  const std::string shown = text_of({bytes, 0, now_ns});
  EXPECT_EQ(shown, fmt::format("prio: 0\nchannel: 7\ntimestamp: 2026-11-18T11:06:38Z ({} s)\nnote: the "
                               "timestamp counts seconds, not nanoseconds, since the epoch (a sender "
                               "stamping time(NULL))\nvalue: 42\nlatency: 2.12 s (to a whole second)\n",
                               seconds));
  const std::string json = json_of({bytes, 0, now_ns});
  EXPECT_NE(json.find(fmt::format("\"timestamp_s\":{}", seconds)), std::string::npos) << json;
  EXPECT_NE(json.find("\"latency_ns\":2123456789"), std::string::npos) << json;
}

TEST(MqFormat, ClassifiesTimestampsAgainstTheReceiveTime) {
  EXPECT_EQ(classify_timestamp(now_ns - 1000, now_ns), Stamp::nanoseconds);
  EXPECT_EQ(classify_timestamp(946'684'800'000'000'000, now_ns), Stamp::nanoseconds); // 2000-01-01
  EXPECT_EQ(classify_timestamp(now_ns + 3'600'000'000'000, now_ns), Stamp::nanoseconds);
  EXPECT_EQ(classify_timestamp(now_ns + 2 * 86'400'000'000'000, now_ns), Stamp::implausible);
  EXPECT_EQ(classify_timestamp(946'684'800, now_ns), Stamp::seconds);
  EXPECT_EQ(classify_timestamp(946'684'799, now_ns), Stamp::implausible);
  EXPECT_EQ(classify_timestamp(INT64_MIN, now_ns), Stamp::implausible);
  EXPECT_EQ(classify_timestamp(INT64_MAX, now_ns), Stamp::implausible);
}

TEST(MqFormat, AReservedFieldOrANonFiniteValueIsDoubted) {
  auto bytes = encode({.timestamp = now_ns, .value = 1, .channel = 1});
  EXPECT_EQ(sample_doubts(bytes, now_ns), "");
  bytes[20] = std::byte{5};
  EXPECT_EQ(sample_doubts(bytes, now_ns), "reserved is 5, not 0");
  const auto nan =
      encode({.timestamp = now_ns, .value = std::numeric_limits<double>::infinity(), .channel = 1});
  EXPECT_EQ(sample_doubts(nan, now_ns), "the value is not finite");
}

TEST(MqFormat, RawShowsEveryMessageAsTextOrHexOnly) {
  const auto bytes = encode({.timestamp = now_ns, .value = 1, .channel = 1});
  const std::string shown = [&] {
    fmt::memory_buffer out;
    append_text(out, {bytes, 2, now_ns}, true, Decode::raw);
    return fmt::to_string(out);
  }();
  EXPECT_EQ(shown, "prio: 2\nlength: 24 bytes\nhex: " + hex_bytes(bytes) + "\n");
  fmt::memory_buffer out;
  append_json(out, {bytes_of("hi"), 1, now_ns}, Decode::raw);
  EXPECT_EQ(fmt::to_string(out), "{\"prio\":1,\"length\":2,\"text\":\"hi\"}\n");
}

// The decoder's fuzz target, run as a unit test so that it runs under the asan
// preset's UBSan (signed overflow included) with every build: edge values of
// every field and pseudo-random bytes of every length up to 64, against receive
// times from the epoch to the far future.
TEST(MqFormat, FuzzedMessagesDecodeWithoutUndefinedBehaviour) {
  std::uint64_t state = 0x9e3779b97f4a7c15;
  const auto next = [&] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  const std::int64_t edges[] = {INT64_MIN, INT64_MIN + 1, -1, 0, 1, 946'684'800, INT64_MAX - 1, INT64_MAX};
  const std::int64_t receive_times[] = {0, now_ns, INT64_MAX};
  std::size_t shown = 0;
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::byte> bytes(round % 3 == 0 ? sample_size : next() % 65);
    for (auto& b : bytes) b = static_cast<std::byte>(next());
    if (bytes.size() == sample_size && round % 2 == 0) {
      const std::int64_t timestamp = edges[next() % std::size(edges)];
      std::memcpy(bytes.data(), &timestamp, sizeof timestamp);
    }
    for (const std::int64_t received : receive_times) {
      fmt::memory_buffer out;
      append_text(out, {bytes, 0, received}, round % 2 == 0);
      append_json(out, {bytes, 0, received});
      append_text(out, {bytes, 0, received}, true, Decode::raw);
      shown += out.size();
    }
  }
  EXPECT_GT(shown, 0U);
}
