// SPDX-License-Identifier: MIT
// `ipcdemo limits`: every kernel and per-user limit on POSIX IPC, its value, how
// much of it is in use where that can be known, where it comes from and how to
// raise it (lsipc -g, for POSIX IPC and with the per-user limits too).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ipcdemo::limits {

struct Limit {
  std::string resource;               // "mq queues_max"
  std::string description;            // one line
  std::optional<std::uint64_t> value; // nothing: unlimited (see `unlimited`) or unknown
  bool unlimited = false;
  std::optional<std::uint64_t> used; // nothing: cannot be known here
  std::string used_note;             // what `used` counts, or why it is unknown
  std::string unit;                  // "queues", "bytes", ...
  std::string from;                  // the file or call it comes from
  std::string raise;                 // how to raise it
  // A ceiling on each object (mq msg_max: no queue may hold more), not a pool
  // that objects fill: `used` is the largest object's, and reaching it is no
  // shortage, so no USE% is given.
  bool ceiling = false;
};

std::vector<Limit> read_all();

// The table, its notes wrapped to `width` columns.
std::string format_table(const std::vector<Limit>& limits, std::size_t width = 80);
std::string format_json(const std::vector<Limit>& limits);

} // namespace ipcdemo::limits
