// SPDX-License-Identifier: MIT
#include "shm/tally.hpp"

#include <fmt/format.h>

namespace ipcdemo::shm {

std::optional<std::uint64_t> Tally::lost() const {
  if (!attempts || *attempts < counter) return std::nullopt;
  return *attempts - counter;
}

std::string grouped(std::uint64_t value) {
  std::string digits = std::to_string(value);
  for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3)
    digits.insert(static_cast<std::size_t>(at), ",");
  return digits;
}

std::string describe(const Tally& tally) {
  if (!tally.attempts)
    return fmt::format("counter {} (attempts: not recorded, the segment has room for the counter only)",
                       grouped(tally.counter));
  if (const auto lost = tally.lost()) {
    const double percent = *tally.attempts == 0
                               ? 0.0
                               : 100.0 * static_cast<double>(*lost) / static_cast<double>(*tally.attempts);
    return fmt::format("counter {} of {} attempted: {} lost ({:.1f}%)", grouped(tally.counter),
                       grouped(*tally.attempts), grouped(*lost), percent);
  }
  // Producers count each attempt before they make it, and readers take the counter
  // before the attempts: a counter above its attempts was written by something that
  // does not count (the screenplay's own producer, an older ipcdemo, a hand-made
  // segment). No loss can be computed from it.
  return fmt::format(
      "counter {} of {} attempted: the counter is above its attempts, so something that does not count "
      "its attempts wrote it (such as the screenplay's own producer); nothing can be said of losses",
      grouped(tally.counter), grouped(*tally.attempts));
}

std::string describe_running(const Tally& tally, std::string_view name) {
  if (tally.attempts && tally.counter < *tally.attempts)
    return fmt::format(
        "counter {} of {} attempted; once every producer has ended, ipcdemo shm info {} counts "
        "what was lost",
        grouped(tally.counter), grouped(*tally.attempts), name);
  return describe(tally);
}

void print_tally(const Tally& tally, std::size_t writers) {
  fmt::print("counter: {}\n", tally.counter);
  if (tally.attempts)
    fmt::print("attempts: {}\n", *tally.attempts);
  else
    fmt::print("attempts: not recorded (the segment is shorter than 16 bytes: counter only)\n");
  if (writers > 0 && tally.attempts && tally.counter < *tally.attempts)
    fmt::print(
        "summary: counter {} of {} attempted while {} other process{} map{} it for writing: each "
        "counts an attempt just before its increment, so what was lost is known once they have ended\n",
        grouped(tally.counter), grouped(*tally.attempts), writers, writers == 1 ? "" : "es",
        writers == 1 ? "s" : "");
  else
    fmt::print("summary: {}\n", describe(tally));
}

} // namespace ipcdemo::shm
