// SPDX-License-Identifier: MIT
// The report: a table for people (stdout), or one JSON document (--json).
#pragma once

#include "bench/stats.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipcdemo::bench {

enum class Kind { round_trip, stream, object };
std::string_view kind_name(Kind kind); // "round_trip", "stream", "object"

// What a mechanism is built on: the report groups rows by it, in this order.
enum class Family { spin, futex, kernel_object, pipe, socket, none };
std::string_view family_name(Family family);  // "spin", "futex", "kernel-object", "pipe", "socket"
std::string_view family_title(Family family); // "spin: shared memory, no system call"

struct Result {
  std::string mechanism; // the --only name: "sem-spin"
  std::string label;     // "named sem, spin then block"
  Kind kind = Kind::round_trip;
  Family family = Family::none;
  std::size_t size = 0;             // bytes per message (--size); 0: carries no payload of its own
  std::string skipped;              // why it was not measured (a system limit); empty when it was
  std::string placement;            // "split", "same", "any"; empty for object costs (one process)
  std::string unit;                 // "ns" (per round trip or operation), "messages/s"
  Summary summary;                  // over the repetitions
  std::uint64_t per_repetition = 0; // operations per repetition (on average: slow ones get fewer)
  std::uint64_t operations = 0;     // this process's measured operations, all repetitions
  int processes = 1;
  int pid = 0;                                  // this process
  std::optional<int> peer_pid;                  // the second process
  std::optional<std::uint64_t> peer_operations; // as the second process counted them
  std::optional<double> floor_ratio;            // times the cost of the floor of the same placement
  std::string note;
};

struct RunInfo {
  std::string version;
  std::string cpu_model;
  std::string kernel;
  int cpus_online = 0;
  std::vector<int> usable_cpus;
  bool quick = false;
  std::uint64_t repetitions = 0;
  std::vector<std::size_t> sizes; // --size, in bytes
  double seconds = 0;
};

// 62 ns, 23.1 µs, 8.02 ms, 1.20 s: three significant digits.
std::string format_ns(double ns);
// 1.37 M/s (messages), 2.10 GB/s (bytes/s): decimal prefixes.
std::string format_rate(double rate, std::string_view unit);
// 24 B, 1 KiB, 64 KiB.
std::string format_size(std::size_t bytes);
// A value in its unit, formatted as above.
std::string format_value(double value, std::string_view unit);
// A JSON number; null when it is not finite (the report never should contain one).
std::string json_number(double value);

std::string format_table(const std::vector<Result>& results, const RunInfo& info);
std::string format_json(const std::vector<Result>& results, const RunInfo& info);

} // namespace ipcdemo::bench
