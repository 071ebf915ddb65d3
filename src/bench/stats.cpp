// SPDX-License-Identifier: MIT
#include "bench/stats.hpp"

#include <algorithm>
#include <cmath>

namespace ipcdemo::bench {

double percentile(const std::vector<double>& sorted, double p) {
  const double rank = p / 100.0 * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(rank));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double fraction = rank - static_cast<double>(below);
  return sorted[below] + (sorted[above] - sorted[below]) * fraction;
}

Summary summarize(std::vector<double> values) {
  if (values.empty()) return {};
  std::sort(values.begin(), values.end());
  return {.median = percentile(values, 50),
          .p10 = percentile(values, 10),
          .p90 = percentile(values, 90),
          .count = values.size()};
}

} // namespace ipcdemo::bench
