// SPDX-License-Identifier: MIT
// A message of --size bytes as every data-carrying exchange sends it: the 24-byte
// sample at the front (its timestamp carries the sequence number that the receiver
// checks), filler after it. Copied whole in and out, as a real payload would be.
#pragma once

#include "bench/sample.hpp"

#include <cstddef>
#include <cstring>
#include <vector>

namespace ipcdemo::bench {

inline constexpr std::size_t min_message = sizeof(Sample);
inline constexpr std::size_t max_message = std::size_t{64} * 1024;

class Message {
 public:
  explicit Message(std::size_t size) : bytes_(size < min_message ? min_message : size, 'x') {}
  char* data() { return bytes_.data(); }
  const char* data() const { return bytes_.data(); }
  std::size_t size() const { return bytes_.size(); }
  void put(const Sample& sample) { std::memcpy(bytes_.data(), &sample, sizeof sample); }
  Sample sample() const {
    Sample sample{};
    std::memcpy(&sample, bytes_.data(), sizeof sample);
    return sample;
  }

 private:
  std::vector<char> bytes_;
};

} // namespace ipcdemo::bench
