// SPDX-License-Identifier: MIT
#include "shm/consume.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "base/ticker.hpp"
#include "shm/counter.hpp"
#include "shm/number_lines.hpp"

#include <optional>

namespace ipcdemo::shm {

void consume(const std::string& name, const ConsumeSettings& settings) {
  // Read-only, as in the screenplay: O_RDONLY and PROT_READ.
  const Counter counter = Counter::open(name, false);
  Ticker ticker(settings.interval);
  NumberLines out(ticker.pauses());
  std::optional<std::uint64_t> last_printed;
  std::uint64_t printed = 0;
  // On the way out (count reached or Ctrl-C), what the two words say together;
  // producers may still run, so a difference is not called a loss.
  const auto summary = [&counter, &name] { log::info("{}", describe_running(counter.tally(), name)); };
  try {
    for (;;) {
      const std::uint64_t value = counter.checked_load();
      if (!settings.changes_only || value != last_printed) {
        out.put(value);
        last_printed = value;
        if (++printed == settings.count) break;
      }
      ticker.wait();
    }
  } catch (const Interrupted&) {
    summary();
    throw;
  }
  summary();
}

} // namespace ipcdemo::shm
