// SPDX-License-Identifier: MIT
// Statistics over repetitions: the median and the 10th and 90th percentiles.
#pragma once

#include <cstddef>
#include <vector>

namespace ipcdemo::bench {

struct Summary {
  double median = 0;
  double p10 = 0;
  double p90 = 0;
  std::size_t count = 0; // how many values were summarised
};

// The p-th percentile (0..100) of `sorted` (ascending, not empty), interpolating
// linearly between the two nearest ranks, as numpy's default does.
double percentile(const std::vector<double>& sorted, double p);

// Summary of `values` in any order; all zero with count 0 when empty.
Summary summarize(std::vector<double> values);

} // namespace ipcdemo::bench
