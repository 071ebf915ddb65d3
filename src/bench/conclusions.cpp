// SPDX-License-Identifier: MIT
#include "bench/conclusions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace ipcdemo::bench {

namespace {

const Result* find(const std::vector<Result>& results, std::string_view mechanism,
                   std::string_view placement) {
  // Results are sorted by size: the first is at the smallest size measured.
  for (const auto& result : results)
    if (result.mechanism == mechanism && result.placement == placement && result.skipped.empty())
      return &result;
  return nullptr;
}

// The placement the conclusions speak of: two CPUs when measured, as IPC
// between two busy processes usually runs.
std::optional<std::string> main_placement(const std::vector<Result>& results) {
  for (const std::string_view placement : {"split", "any", "same"})
    if (find(results, "shm-spin", placement) != nullptr) return std::string(placement);
  for (const auto& result : results)
    if (!result.placement.empty()) return result.placement;
  return std::nullopt;
}

std::string where(std::string_view placement) {
  if (placement == "split") return "on two CPUs";
  if (placement == "same") return "on one CPU";
  return "where the scheduler put them";
}

std::string times(double ratio) {
  if (ratio >= 9.95) return fmt::format("{:.0f}x", ratio);
  if (ratio >= 0.995) return fmt::format("{:.1f}x", ratio);
  return fmt::format("{:.2g}x", ratio);
}

// "1.37 M samples/s": format_rate's figure, with the unit spelled out for prose.
std::string samples_per_second(double rate) {
  std::string text = format_rate(rate, "samples/s");
  text.resize(text.size() - 2); // "/s"
  if (text.back() == ' ') text.pop_back();
  return text + " samples/s";
}

std::optional<std::string> floor_conclusion(const std::vector<Result>& results,
                                            const std::string& placement) {
  const Result* floor = find(results, "shm-spin", placement);
  if (floor == nullptr) return std::nullopt;
  std::string text = fmt::format(
      "Floor: handing a sample over through one shared cache line, both processes spinning {}, takes {} "
      "per round trip.",
      where(placement), format_ns(floor->summary.median));
  std::optional<double> low;
  std::optional<double> high;
  // sem-spin polls with sem_trywait, an atomic in user space: while its polls
  // succeed it is a spin too, not a mechanism that goes through the kernel.
  for (const auto& result : results)
    if (result.kind == Kind::round_trip && result.placement == placement && result.floor_ratio &&
        result.mechanism != "shm-spin" && result.mechanism != "sem-spin") {
      low = std::min(low.value_or(*result.floor_ratio), *result.floor_ratio);
      high = std::max(high.value_or(*result.floor_ratio), *result.floor_ratio);
    }
  if (low && high && *low >= 1)
    text += fmt::format(" The mechanisms that go through the kernel cost {} to {} that.", times(*low),
                        times(*high));
  else if (low && high)
    text += fmt::format(
        " Here some kernel mechanisms were cheaper ({} the floor at best): the two spinners were not "
        "running at the same time, so these CPUs were busy with other work and the figures are unsteady.",
        times(*low));
  const Result* polled = find(results, "sem-spin", placement);
  if (polled != nullptr && polled->summary.median < floor->summary.median)
    text += fmt::format(
        " Polling a semaphore (sem-spin, {}) beat it: while its sem_trywait polls succeed it is a spin in "
        "user space as well, with no system call, and a tighter one than the floor's.",
        format_ns(polled->summary.median));
  return text;
}

std::optional<std::string> wakeup_conclusion(const std::vector<Result>& results,
                                             const std::string& placement) {
  const Result* floor = find(results, "shm-spin", placement);
  const Result* sem = find(results, "sem", placement);
  if (floor == nullptr || sem == nullptr) return std::nullopt;
  const double blocking = sem->summary.median;
  const double spinning = floor->summary.median;
  std::string text;
  if (blocking > spinning)
    text = fmt::format(
        "Wake-up: a blocking named semaphore takes {} per round trip, {} {}, so each of its two "
        "sleep-and-wake hand-overs costs about {} more than a spin.",
        format_ns(blocking), where(placement),
        spinning > 0 ? fmt::format("against {} spinning", format_ns(spinning)) : std::string("(no floor)"),
        format_ns((blocking - spinning) / 2));
  else
    text = fmt::format(
        "Wake-up: a blocking named semaphore ({}) was no slower than spinning ({}) {}: there, a spinner "
        "only burns the time its partner needs.",
        format_ns(blocking), format_ns(spinning), where(placement));
  if (const Result* spin_first = find(results, "sem-spin", placement)) {
    const double ratio = blocking / spin_first->summary.median;
    if (ratio >= 1.1)
      text += fmt::format(" Polling before blocking (sem-spin, {}) avoids most wake-ups: {} faster.",
                          format_ns(spin_first->summary.median), times(ratio));
    else
      text += fmt::format(" Polling before blocking (sem-spin, {}) gained little here.",
                          format_ns(spin_first->summary.median));
  }
  return text;
}

std::optional<std::string> placement_conclusion(const std::vector<Result>& results) {
  const Result* split = find(results, "sem", "split");
  const Result* same = find(results, "sem", "same");
  if (split == nullptr || same == nullptr) return std::nullopt;
  const double two = split->summary.median;
  const double one = same->summary.median;
  std::string text =
      fmt::format("Placement: a blocking semaphore round trip takes {} on two CPUs and {} on one",
                  format_ns(two), format_ns(one));
  if (one < two)
    text += fmt::format(
        " ({} faster on one: the waiter is woken where the poster runs, no other CPU has to "
        "be woken).",
        times(two / one));
  else
    text += fmt::format(" ({} slower on one: the two processes take turns on it).", times(one / two));
  const Result* spin_two = find(results, "shm-spin", "split");
  const Result* spin_one = find(results, "shm-spin", "same");
  if (spin_two != nullptr && spin_one != nullptr && spin_one->summary.median > spin_two->summary.median)
    text += fmt::format(
        " Spinning on one CPU costs {} per round trip, {} the two-CPU floor: each hand-over waits for the "
        "spinner's timeslice to end.",
        format_ns(spin_one->summary.median), times(spin_one->summary.median / spin_two->summary.median));
  return text;
}

std::optional<std::string> depth_conclusion(const std::vector<Result>& results,
                                            const std::string& placement) {
  const Result* stream = find(results, "mq-stream", placement);
  const Result* round_trip = find(results, "mq", placement);
  if (stream == nullptr || round_trip == nullptr || round_trip->summary.median <= 0) return std::nullopt;
  const double queued = stream->summary.median;              // samples per second, one way
  const double ping_pong = 1e9 / round_trip->summary.median; // one sample each way per round trip
  if (queued > ping_pong)
    return fmt::format(
        "Depth: a message queue left to fill up moves {} one way {}, {} the {} of a ping-pong through the "
        "same kind of queue: a deep queue pays one wake-up for many messages.",
        samples_per_second(queued), where(placement), times(queued / ping_pong),
        samples_per_second(ping_pong));
  return fmt::format(
      "Depth: a message queue left to fill up moved {} one way {}, no more than the {} of a ping-pong: "
      "queueing did not pay here.",
      samples_per_second(queued), where(placement), samples_per_second(ping_pong));
}

// At each size: the cheapest round trip and the highest one-way rate, overall and
// among the mechanisms that sleep in the kernel at once instead of spinning.
std::vector<std::string> cheapest_conclusions(const std::vector<Result>& results,
                                              const std::string& placement) {
  std::vector<std::size_t> sizes;
  for (const auto& result : results)
    if (result.size != 0 && std::find(sizes.begin(), sizes.end(), result.size) == sizes.end())
      sizes.push_back(result.size);
  const std::size_t smallest = sizes.empty() ? 0 : *std::min_element(sizes.begin(), sizes.end());
  // The best row of `kind` at `size`: lowest time or highest rate; `blocking`: no spin family.
  const auto best = [&](Kind kind, std::size_t size, bool blocking) -> const Result* {
    const Result* found = nullptr;
    for (const auto& r : results) {
      const std::size_t at = r.size == 0 ? smallest : r.size;
      if (r.kind != kind || at != size || r.placement != placement || !r.skipped.empty()) continue;
      // sem-spin polls before it sleeps: not one of those that sleep at once.
      if (blocking && (r.family == Family::spin || r.mechanism == "sem-spin")) continue;
      const bool better =
          found == nullptr || (kind == Kind::round_trip ? r.summary.median < found->summary.median
                                                        : r.summary.median > found->summary.median);
      if (better) found = &r;
    }
    return found;
  };
  const auto named = [](const Result* r) {
    return fmt::format("{} ({})", r->mechanism, format_value(r->summary.median, r->unit));
  };
  std::vector<std::string> out;
  for (const auto size : sizes) {
    const Result* fastest = best(Kind::round_trip, size, false);
    const Result* fastest_blocking = best(Kind::round_trip, size, true);
    const Result* widest = best(Kind::stream, size, false);
    const Result* widest_blocking = best(Kind::stream, size, true);
    std::vector<std::string> parts;
    if (fastest != nullptr) {
      std::string part = "lowest latency " + named(fastest);
      if (fastest_blocking != nullptr && fastest_blocking != fastest)
        part += ", of those that sleep " + named(fastest_blocking);
      parts.push_back(part);
    }
    if (widest != nullptr) {
      std::string part = "highest throughput " + named(widest);
      if (widest_blocking != nullptr && widest_blocking != widest)
        part += ", of those that sleep " + named(widest_blocking);
      parts.push_back(part);
    }
    if (!parts.empty())
      out.push_back(
          fmt::format("Cheapest at {} {}: {}.", format_size(size), where(placement), fmt::join(parts, "; ")));
  }
  return out;
}

// Word wrap at `width` columns, the first line after "  - ", the others indented
// to match; a figure and its unit ("4.70 µs") stay on one line.
std::string wrap(const std::string& text, std::size_t width) {
  std::string out = "  -";
  std::size_t column = 3;
  std::size_t start = 0;
  char previous_end = ' ';
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view word(text.data() + start, end - start);
    const bool unit_of_figure = previous_end >= '0' && previous_end <= '9';
    previous_end = word.empty() ? ' ' : word.back();
    if (column + 1 + word.size() > width && column > 4 && !unit_of_figure) {
      out += "\n   ";
      column = 3;
    }
    out += " ";
    out += word;
    column += 1 + word.size();
    start = end + 1;
  }
  return out + "\n";
}

} // namespace

std::vector<std::string> conclusions(const std::vector<Result>& results) {
  std::vector<std::string> out;
  const auto placement = main_placement(results);
  if (!placement) return out;
  for (auto conclusion : {floor_conclusion(results, *placement), wakeup_conclusion(results, *placement),
                          placement_conclusion(results), depth_conclusion(results, *placement)})
    if (conclusion) out.push_back(std::move(*conclusion));
  for (auto& conclusion : cheapest_conclusions(results, *placement)) out.push_back(std::move(conclusion));
  return out;
}

std::string format_conclusions(const std::vector<std::string>& conclusions) {
  if (conclusions.empty()) return {};
  std::string out = "\nWhat these figures say (this machine, this run):\n";
  for (const auto& conclusion : conclusions) out += wrap(conclusion, 100);
  return out;
}

} // namespace ipcdemo::bench
