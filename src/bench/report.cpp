// SPDX-License-Identifier: MIT
#include "bench/report.hpp"

#include "base/json.hpp"
#include "bench/conclusions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace ipcdemo::bench {

namespace {

std::string three_digits(double value) {
  if (value >= 99.95) return fmt::format("{:.0f}", value);
  if (value >= 9.995) return fmt::format("{:.1f}", value);
  return fmt::format("{:.2f}", value);
}

std::string_view section_title(Kind kind) {
  switch (kind) {
    case Kind::round_trip: return "Round trip (ping-pong of one message)";
    case Kind::stream: return "One way, messages per second";
    case Kind::object: return "Object costs (one process)";
  }
  return "";
}

std::string ratio_text(const std::optional<double>& ratio) {
  if (!ratio) return "-";
  if (*ratio >= 9.95) return fmt::format("{:.0f}x", *ratio);
  if (*ratio >= 0.995) return fmt::format("{:.1f}x", *ratio);
  return fmt::format("{:.2g}x", *ratio);
}

std::string count_text(std::uint64_t n) {
  if (n >= 10'000'000) return fmt::format("{}M", n / 1'000'000);
  if (n >= 10'000) return fmt::format("{}k", n / 1'000);
  return fmt::format("{}", n);
}

} // namespace

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::round_trip: return "round_trip";
    case Kind::stream: return "stream";
    case Kind::object: return "object";
  }
  return "";
}

std::string_view family_name(Family family) {
  switch (family) {
    case Family::spin: return "spin";
    case Family::futex: return "futex";
    case Family::kernel_object: return "kernel-object";
    case Family::pipe: return "pipe";
    case Family::socket: return "socket";
    case Family::none: return "none";
  }
  return "";
}

std::string_view family_title(Family family) {
  switch (family) {
    case Family::spin: return "spin: shared memory, no system call";
    case Family::futex: return "futex-based: a shared word the kernel sleeps on";
    case Family::kernel_object: return "kernel objects with their own wait queue";
    case Family::pipe: return "pipe-based: a pipe buffer";
    case Family::socket: return "socket-based: socket buffers";
    case Family::none: return "";
  }
  return "";
}

std::string format_size(std::size_t bytes) {
  if (bytes >= 1024 && bytes % 1024 == 0) return fmt::format("{} KiB", bytes / 1024);
  return fmt::format("{} B", bytes);
}

std::string format_ns(double ns) {
  if (ns < 999.5) return three_digits(ns) + " ns";
  if (ns < 999'500) return three_digits(ns / 1e3) + " µs";
  if (ns < 999'500'000) return three_digits(ns / 1e6) + " ms";
  return three_digits(ns / 1e9) + " s";
}

std::string format_rate(double rate, std::string_view unit) {
  std::string_view prefix;
  double scaled = rate;
  if (rate >= 999.5e6) {
    scaled = rate / 1e9;
    prefix = "G";
  } else if (rate >= 999.5e3) {
    scaled = rate / 1e6;
    prefix = "M";
  } else if (rate >= 999.5) {
    scaled = rate / 1e3;
    prefix = "k";
  }
  return fmt::format("{} {}{}/s", three_digits(scaled), prefix, unit == "bytes/s" ? "B" : "");
}

std::string format_value(double value, std::string_view unit) {
  return unit == "ns" ? format_ns(value) : format_rate(value, unit);
}

std::string json_number(double value) { return std::isfinite(value) ? fmt::format("{}", value) : "null"; }

namespace {

// A section per kind and message size (sizeless wake-ups go with the smallest size),
// a heading per family within it.
std::string section_heading(const Result& result) {
  if (result.kind == Kind::object) return std::string(section_title(result.kind));
  return fmt::format("{}{}", section_title(result.kind),
                     result.size == 0 ? "" : fmt::format(", {} messages", format_size(result.size)));
}

std::string row(const Result& result) {
  const std::string cpus = result.placement.empty() ? "-" : result.placement;
  if (!result.skipped.empty())
    return fmt::format("    {:<30} {:<5} {:>10}\n    {:<30} ({})\n", result.label, cpus, "not run", "",
                       result.skipped);
  const auto& s = result.summary;
  // For rates the low percentile of time is the high percentile of rate: show the range low to high.
  const double low = std::min(s.p10, s.p90);
  const double high = std::max(s.p10, s.p90);
  std::string out = fmt::format("    {:<30} {:<5} {:>10} {:>21} {:>9} {:>11}\n", result.label, cpus,
                                format_value(s.median, result.unit),
                                format_value(low, result.unit) + " - " + format_value(high, result.unit),
                                ratio_text(result.floor_ratio),
                                fmt::format("{} x {}", s.count, count_text(result.per_repetition)));
  if (!result.note.empty()) out += fmt::format("    {:<30} ({})\n", "", result.note);
  return out;
}

} // namespace

std::string format_table(const std::vector<Result>& results, const RunInfo& info) {
  std::string out;
  std::vector<std::string> sizes;
  for (const auto size : info.sizes) sizes.push_back(format_size(size));
  out += fmt::format("ipcdemo bench{}: median of {} repetitions; messages of {}; CPUs usable: {} of {}\n",
                     info.quick ? " --quick" : "", info.repetitions, fmt::join(sizes, ", "),
                     fmt::join(info.usable_cpus, ","), info.cpus_online);
  out += fmt::format("{}; Linux {}\n", info.cpu_model, info.kernel);
  std::string section;
  // The section and family headings printed last (none yet: a family heading is
  // printed on the first row of each section).
  std::optional<Kind> kind;
  Family family = Family::none;
  for (const auto& result : results) {
    // A row with no payload of its own (size 0) stays in the section it follows:
    // the runner sorts it among the smallest messages.
    const bool same_section = kind == result.kind && result.size == 0;
    if (const auto heading = section_heading(result); !same_section && heading != section) {
      section = heading;
      kind = result.kind;
      family = Family::none;
      out += fmt::format("\n{}\n", heading);
      out += fmt::format("    {:<30} {:<5} {:>10} {:>21} {:>9} {:>11}\n", "mechanism", "cpus", "median",
                         "p10 - p90", "x floor", "reps x ops");
    }
    if (result.family != Family::none && family != result.family) {
      family = result.family;
      out += fmt::format("  {}\n", family_title(result.family));
    }
    out += row(result);
  }
  out += fmt::format(
      "\nx floor: how many times the cost of the floor (shm cache-line spin for round trips, the shm ring\n"
      "for streams) in the same placement and at the same size. Every message was counted by both "
      "processes.\n"
      "Took {:.1f} s.\n",
      info.seconds);
  out += format_conclusions(conclusions(results));
  return out;
}

std::string format_json(const std::vector<Result>& results, const RunInfo& info) {
  std::string out = "{\n";
  out += fmt::format("  \"tool\": \"ipcdemo bench\",\n  \"version\": {},\n", json_string(info.version));
  out += fmt::format(
      "  \"machine\": {{\"cpu_model\": {}, \"kernel\": {}, \"cpus_online\": {}, \"usable_cpus\": [{}]}},\n",
      json_string(info.cpu_model), json_string(info.kernel), info.cpus_online,
      fmt::join(info.usable_cpus, ", "));
  out += fmt::format("  \"quick\": {},\n  \"repetitions\": {},\n  \"sizes\": [{}],\n  \"seconds\": {},\n",
                     info.quick, info.repetitions, fmt::join(info.sizes, ", "), json_number(info.seconds));
  out += "  \"results\": [";
  bool first = true;
  for (const auto& r : results) {
    if (!r.skipped.empty()) continue;
    out += first ? "\n" : ",\n";
    first = false;
    out += fmt::format(
        "    {{\"mechanism\": {}, \"label\": {}, \"kind\": {}, \"family\": {}, \"size\": {}, "
        "\"placement\": {}, \"unit\": {}, "
        "\"median\": {}, \"p10\": {}, \"p90\": {}, \"repetitions\": {}, \"per_repetition\": {}, "
        "\"operations\": {}, \"processes\": {}, \"pid\": {}",
        json_string(r.mechanism), json_string(r.label), json_string(kind_name(r.kind)),
        r.family == Family::none ? "null" : json_string(family_name(r.family)),
        r.size == 0 ? "null" : fmt::format("{}", r.size),
        r.placement.empty() ? "null" : json_string(r.placement), json_string(r.unit),
        json_number(r.summary.median), json_number(r.summary.p10), json_number(r.summary.p90),
        r.summary.count, r.per_repetition, r.operations, r.processes, r.pid);
    if (r.peer_pid) out += fmt::format(", \"peer_pid\": {}", *r.peer_pid);
    if (r.peer_operations) out += fmt::format(", \"peer_operations\": {}", *r.peer_operations);
    out += fmt::format(", \"floor_ratio\": {}", r.floor_ratio ? json_number(*r.floor_ratio) : "null");
    out += fmt::format(", \"note\": {}}}", json_string(r.note));
  }
  out += first ? "]" : "\n  ]";
  // What a system limit kept from running, and why: said, not failed.
  out += ",\n  \"skipped\": [";
  first = true;
  for (const auto& r : results) {
    if (r.skipped.empty()) continue;
    out += first ? "\n" : ",\n";
    first = false;
    out += fmt::format("    {{\"mechanism\": {}, \"size\": {}, \"placement\": {}, \"reason\": {}}}",
                       json_string(r.mechanism), r.size, json_string(r.placement), json_string(r.skipped));
  }
  out += first ? "]" : "\n  ]";
  out += ",\n  \"conclusions\": [";
  first = true;
  for (const auto& conclusion : conclusions(results)) {
    out += first ? "\n    " : ",\n    ";
    first = false;
    out += json_string(conclusion);
  }
  out += first ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

} // namespace ipcdemo::bench
