// SPDX-License-Identifier: MIT
#include "base/made.hpp"

namespace ipcdemo::made {

namespace {
std::vector<std::string>& records() {
  static std::vector<std::string> all;
  return all;
}
} // namespace

void record(std::string what) { records().push_back(std::move(what)); }

const std::vector<std::string>& so_far() { return records(); }

} // namespace ipcdemo::made
