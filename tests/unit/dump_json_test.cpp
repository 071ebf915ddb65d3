// SPDX-License-Identifier: MIT
// shm dump --json's extents: runs of hex and runs of zeros that give back the
// very bytes fed, in order and without gaps, whatever the pieces they came in.
#include "shm/dump.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace {

// Decodes the extents' JSON back into bytes starting at `start`; fails the test
// on a gap, an overlap or a short run of zeros that should have been hex.
// (By hand: std::regex draws a false -Wmaybe-uninitialized from GCC 12 at -O1.)
std::vector<unsigned char> decode(const std::string& json, std::uint64_t start) {
  std::vector<unsigned char> bytes;
  std::uint64_t at = start;
  std::size_t pos = 0;
  const auto expect = [&](std::string_view text) {
    EXPECT_EQ(json.compare(pos, text.size(), text), 0) << "at " << pos << " of " << json;
    pos += text.size();
  };
  const auto number = [&] {
    std::size_t used = 0;
    const auto value = std::stoull(json.substr(pos), &used);
    pos += used;
    return value;
  };
  while (pos < json.size()) {
    if (pos > 0) expect(",");
    expect("{\"offset\":");
    EXPECT_EQ(number(), at) << "extents follow each other";
    if (json.compare(pos, 9, ",\"zeros\":") == 0) {
      pos += 9;
      const auto count = number();
      EXPECT_GE(count, ipcdemo::shm::JsonExtents::zeros_run);
      bytes.insert(bytes.end(), count, 0);
      at += count;
    } else {
      expect(",\"hex\":\"");
      const std::size_t end = json.find('"', pos);
      EXPECT_NE(end, std::string::npos);
      for (; pos + 1 < end; pos += 2) {
        bytes.push_back(static_cast<unsigned char>(std::stoi(json.substr(pos, 2), nullptr, 16)));
        ++at;
      }
      expect("\"");
    }
    expect("}");
    if (::testing::Test::HasFailure()) break;
  }
  return bytes;
}

} // namespace

TEST(JsonExtents, GiveBackTheBytesFedWithHolesAndRunsOfZerosAsOneEntry) {
  std::mt19937 random(7);
  for (int round = 0; round < 200; ++round) {
    const std::uint64_t start = random() % 100;
    ipcdemo::shm::JsonExtents extents(start);
    std::vector<unsigned char> expected;
    std::string json;
    for (int piece = 0; piece < 6; ++piece) {
      if (random() % 3 == 0) { // a hole
        const std::uint64_t count = random() % 5000;
        json += extents.feed_zeros(count);
        expected.insert(expected.end(), count, 0);
        continue;
      }
      std::vector<unsigned char> bytes(random() % 300);
      for (auto& byte : bytes) byte = static_cast<unsigned char>(random() % 4 == 0 ? random() : 0);
      json += extents.feed(bytes);
      expected.insert(expected.end(), bytes.begin(), bytes.end());
    }
    json += extents.finish();
    ASSERT_EQ(decode(json, start), expected) << json;
  }
}

TEST(JsonExtents, ATerabyteHoleIsOneEntry) {
  ipcdemo::shm::JsonExtents extents(0);
  std::string json = extents.feed_zeros(std::uint64_t{1} << 40);
  json += extents.finish();
  EXPECT_EQ(json, R"({"offset":0,"zeros":1099511627776})");
}
