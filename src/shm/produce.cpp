#include "shm/produce.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "base/ticker.hpp"
#include "ipc/open_or_create.hpp"
#include "shm/counter.hpp"
#include "shm/number_lines.hpp"
#include "sys/semaphore.hpp"

#include <fcntl.h>

#include <time.h>

#include <cerrno>
#include <optional>

namespace ipcdemo::shm {

namespace {

// Opens the lock, creating it with value 1 if it does not exist. Opening comes
// first (glibc's O_CREAT writes a new file before it looks, which fails on a full
// /dev/shm even when the lock exists); O_EXCL then makes two producers starting
// together create it once, each learning whether it did.
sys::Semaphore open_lock(const std::string& lock_name, mode_t mode) {
  for (;;) {
    try {
      auto lock = sys::Semaphore::open(lock_name, 0);
      if (const int value = lock.value(); value > 1)
        log::warn("lock semaphore {} has value {}: {} producers can hold it at once, so it is no mutex",
                  lock_name, value, value);
      return lock;
    } catch (const SysError& error) {
      if (error.err() != ENOENT) throw;
    }
    try {
      auto lock = sys::Semaphore::open(lock_name, O_CREAT | O_EXCL, mode, 1);
      log::info("created lock semaphore {} (value 1); remove it with: ipcdemo sem unlink {}", lock_name,
                lock_name);
      return lock;
    } catch (const SysError& error) {
      if (error.err() != EEXIST) throw;
    }
  }
}

// sem_wait on the lock, saying once when it takes more than a second: the lock
// may be held by a producer that was killed (SIGKILL) while holding it.
void acquire(sys::Semaphore& lock, bool& said_waiting) {
  if (said_waiting) {
    lock.wait();
    return;
  }
  timespec deadline{};
  ::clock_gettime(CLOCK_MONOTONIC, &deadline);
  deadline.tv_sec += 1;
  if (lock.wait_until(CLOCK_MONOTONIC, deadline)) return;
  said_waiting = true;
  log::warn(
      "waiting more than 1 s for lock semaphore {}: another producer holds it. If no producer is "
      "running, one was killed holding it (SIGKILL); reset it with: ipcdemo sem unlink {}",
      lock.name(), lock.name());
  lock.wait();
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
  bool said_waiting = false;
  try {
    while (settings.count == 0 || done < settings.count) {
      switch (settings.sync) {
        case Sync::racy: last = counter.racy_increment(); break;
        case Sync::atomic: last = counter.atomic_increment(); break;
        case Sync::sem: {
          acquire(*lock, said_waiting);
          // Should the increment raise SIGBUS, the reporter gives the lock back first.
          sys::Semaphore::Held held(*lock);
          last = counter.racy_increment(); // the lock makes load-and-store safe
          held.release();
          break;
        }
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
