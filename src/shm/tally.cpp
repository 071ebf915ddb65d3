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
  // Producers count an attempt just after making it, so while they run the counter
  // may be a few (one per producer) ahead. Far ahead, or once none runs: something
  // wrote the counter without counting (the screenplay's own producer, or one of an
  // older ipcdemo). Either way no loss can be computed.
  return fmt::format(
      "counter {} of {} attempted: more than attempted, so increments are still in flight (a "
      "producer between its increment and its count), or a producer that does not count its "
      "attempts wrote it too",
      grouped(tally.counter), grouped(*tally.attempts));
}

void print_tally(const Tally& tally) {
  fmt::print("counter: {}\n", tally.counter);
  if (tally.attempts)
    fmt::print("attempts: {}\n", *tally.attempts);
  else
    fmt::print("attempts: not recorded (the segment is shorter than 16 bytes: counter only)\n");
  fmt::print("summary: {}\n", describe(tally));
}

} // namespace ipcdemo::shm
