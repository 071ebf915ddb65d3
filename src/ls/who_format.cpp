// SPDX-License-Identifier: MIT
#include "ls/who_format.hpp"

#include "base/json.hpp"
#include "base/printable.hpp"
#include "base/wrap.hpp"
#include "ipc/owner.hpp"
#include "ls/columns.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace ipcdemo::ls {

std::string format_who_table(const Listing& listing, bool headings) {
  using Line = std::array<std::string, 6>;
  std::vector<Line> lines;
  if (headings) lines.push_back({"TYPE", "NAME", "PID", "USER", "COMMAND", "HOW"});
  for (const auto& row : listing.rows) {
    const std::string type(kind_name(row.kind));
    const std::string name = printable(row.deleted ? row.name + " (deleted)" : row.name);
    if (row.holders.empty() && !(row.waiters && *row.waiters > 0))
      lines.push_back({type, name, "-", "-", "-", "not held"});
    for (const auto& hold : row.holders)
      lines.push_back({type, name, std::to_string(hold.pid), user_name(hold.uid), printable(hold.command),
                       holders::describe(hold)});
    if (row.waiters && *row.waiters > 0)
      lines.push_back({type, name, "-", "-", "-", fmt::format("{} waiting in sem_wait", *row.waiters)});
  }
  std::array<std::size_t, 6> widths{};
  for (const auto& line : lines)
    for (std::size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], display_width(line[i]));
  // Padded by the columns the terminal shows: names and commands may hold wide characters.
  std::string out;
  for (const auto& line : lines) {
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
      append_padded(out, line[i], widths[i], i == 2 ? Align::right : Align::left);
      out += ' ';
    }
    out += line.back();
    out += '\n';
  }
  return out;
}

std::string format_who_json(const Listing& listing) {
  std::string out = "{\"objects\":[";
  bool first = true;
  for (const auto& row : listing.rows) {
    out += first ? "\n  " : ",\n  ";
    first = false;
    out += fmt::format("{{\"type\":\"{}\",\"name\":{},\"deleted\":{},\"waiters\":{},\"holders\":{}}}",
                       kind_name(row.kind), json_string(row.name), row.deleted ? "true" : "false",
                       row.waiters ? std::to_string(*row.waiters) : "null", holders_json(row.holders));
  }
  out += first ? "]" : "\n]";
  const std::size_t processes = listing.scan ? listing.scan->processes : 0;
  const std::size_t uninspectable = listing.scan ? listing.scan->uninspectable : 0;
  out += fmt::format(",\"processes\":{},\"uninspectable\":{}}}\n", processes, uninspectable);
  return out;
}

} // namespace ipcdemo::ls
