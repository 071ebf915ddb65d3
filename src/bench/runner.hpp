// SPDX-License-Identifier: MIT
// What `ipcdemo bench` runs, in which order, for how long: the table of
// mechanisms, the time budgets, warm-up and calibration, progress on stderr.
#pragma once

#include "bench/placement.hpp"
#include "bench/report.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ipcdemo::bench {

struct Mechanism {
  std::string_view name;  // for --only
  std::string_view label; // for the table
  Kind kind;
  Family family = Family::none;
  bool sized = false; // carries --size bytes per message; else no payload of its own (measured once)
};

// Every mechanism, in report order: round trips, streams, object costs.
std::span<const Mechanism> mechanisms();

struct Plan {
  bool quick = false;
  std::uint64_t repetitions = 11;
  std::vector<Placement> placements;  // for the two-process measurements, in order
  std::optional<std::string> only;    // one mechanism's name
  std::vector<std::size_t> sizes{24}; // --size: bytes per message, ascending, each once
};

// Default repetitions: 11, or 5 with --quick.
std::uint64_t default_repetitions(bool quick);

// Runs the plan; each result is logged at info level as it finishes.
std::vector<Result> run(const Plan& plan);

} // namespace ipcdemo::bench
