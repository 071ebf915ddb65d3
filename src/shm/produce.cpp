#include "shm/produce.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "base/ticker.hpp"
#include "ipc/open_or_create.hpp"
#include "shm/counter.hpp"
#include "shm/number_lines.hpp"
#include "sys/semaphore.hpp"

#include <fcntl.h>

#include <cerrno>
#include <optional>

namespace ipcdemo::shm {

namespace {

// Opens the lock, creating it with value 1 if it does not exist, so that two
// producers starting together create it once and both learn whether they did.
sys::Semaphore open_lock(const std::string& lock_name, mode_t mode) {
  auto opened = open_or_create(
      ObjectKind::sem, lock_name, false,
      [&] { return sys::Semaphore::open(lock_name, O_CREAT | O_EXCL, mode, 1); },
      [&] { return sys::Semaphore::open(lock_name, 0); });
  if (opened.created)
    log::info("created lock semaphore {} (value 1); remove it with: ipcdemo sem unlink {}", lock_name,
              lock_name);
  else if (const int value = opened.handle.value(); value > 1)
    log::warn("lock semaphore {} has value {}: {} producers can hold it at once, so it is no mutex",
              lock_name, value, value);
  return std::move(opened.handle);
}

void log_summary(std::uint64_t done, std::chrono::steady_clock::duration elapsed, Sync sync,
                 std::uint64_t last) {
  const double seconds = std::chrono::duration<double>(elapsed).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  const std::string rate_text =
      rate >= 1e6 ? fmt::format("{:.2f} million/s", rate / 1e6) : fmt::format("{:.1f}/s", rate);
  log::info("produced {} increment{} in {:.3f} s ({}, --sync {}); last value written: {}", done,
            done == 1 ? "" : "s", seconds, rate_text, sync_name(sync), last);
}

} // namespace

Sync parse_sync(std::string_view text) {
  if (text == "atomic") return Sync::atomic;
  if (text == "sem") return Sync::sem;
  if (text == "racy") return Sync::racy;
  throw UsageError(fmt::format("'{}' is not one of: racy, atomic, sem", text));
}

std::string_view sync_name(Sync sync) {
  switch (sync) {
    case Sync::racy: return "racy";
    case Sync::atomic: return "atomic";
    case Sync::sem: return "sem";
  }
  return "?";
}

std::string default_lock_name(std::string_view segment_name) { return std::string(segment_name) + "-lock"; }

void produce(const std::string& name, const ProduceSettings& settings) {
  Counter counter = Counter::open(name, true);
  std::optional<sys::Semaphore> lock;
  if (settings.sync == Sync::sem)
    // Whoever may write the segment may take its lock.
    lock = open_lock(settings.lock_name, counter.status().st_mode & 0666);

  Ticker ticker(settings.interval);
  NumberLines out(ticker.pauses());
  const auto start = std::chrono::steady_clock::now();
  std::uint64_t done = 0;
  std::uint64_t last = 0;
  try {
    while (settings.count == 0 || done < settings.count) {
      switch (settings.sync) {
        case Sync::racy: last = counter.racy_increment(); break;
        case Sync::atomic: last = counter.atomic_increment(); break;
        case Sync::sem:
          lock->wait();
          last = counter.racy_increment(); // the lock makes load-and-store safe
          lock->post();
          break;
      }
      ++done;
      out.put(last);
      if (done == settings.count) break; // no pause after the last one
      ticker.wait();
    }
  } catch (const Interrupted&) {
    log_summary(done, std::chrono::steady_clock::now() - start, settings.sync, last);
    throw;
  }
  log_summary(done, std::chrono::steady_clock::now() - start, settings.sync, last);
}

} // namespace ipcdemo::shm
