// SPDX-License-Identifier: MIT
// What a run's own figures say, in words: the floor, the cost of a wake-up, the
// effect of placement and of queue depth. Computed from the results of this run
// on this machine, never written in advance; a conclusion whose figures were not
// measured (--only, --cpus) is left out.
#pragma once

#include "bench/report.hpp"

#include <string>
#include <vector>

namespace ipcdemo::bench {

std::vector<std::string> conclusions(const std::vector<Result>& results);

// The conclusions as the end of the table: a heading and one wrapped paragraph each.
std::string format_conclusions(const std::vector<std::string>& conclusions);

} // namespace ipcdemo::bench
