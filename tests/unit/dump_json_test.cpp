// SPDX-License-Identifier: MIT
// shm dump --json's extents: runs of hex and runs of zeros that give back the
// very bytes fed, in order and without gaps, whatever the pieces they came in.
#include "shm/dump.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <regex>
#include <string>
#include <vector>

namespace {

// Decodes the extents' JSON back into bytes starting at `start`; fails the test
// on a gap, an overlap or a short run of zeros that should have been hex.
std::vector<unsigned char> decode(const std::string& json, std::uint64_t start) {
  std::vector<unsigned char> bytes;
  const std::regex extent(R"re(\{"offset":(\d+),"(hex|zeros)":("?)([0-9a-f]*|\d+)\3\})re");
  std::uint64_t at = start;
  std::size_t consumed = 0;
  for (auto it = std::sregex_iterator(json.begin(), json.end(), extent); it != std::sregex_iterator(); ++it) {
    const auto& match = *it;
    EXPECT_EQ(static_cast<std::size_t>(match.position(0)), consumed + (consumed == 0 ? 0 : 1)) << "a comma between";
    consumed = static_cast<std::size_t>(match.position(0) + match.length(0));
    EXPECT_EQ(std::stoull(match[1]), at) << "extents follow each other";
    if (match[2] == "zeros") {
      const auto count = std::stoull(match[4]);
      EXPECT_GE(count, ipcdemo::shm::JsonExtents::zeros_run);
      bytes.insert(bytes.end(), count, 0);
      at += count;
    } else {
      const std::string hex = match[4];
      for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        bytes.push_back(static_cast<unsigned char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
      at += hex.size() / 2;
    }
  }
  EXPECT_EQ(consumed, json.size()) << "nothing but extents";
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
      for (auto& byte : bytes) byte = random() % 4 == 0 ? static_cast<unsigned char>(random()) : 0;
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
