// SPDX-License-Identifier: MIT
#include "shm/produce.hpp"

#include "sys/clock.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "base/size_text.hpp"
#include "base/ticker.hpp"
#include "ipc/name.hpp"
#include "ipc/open_or_create.hpp"
#include "mmap/smaps.hpp"
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
  timespec deadline = sys::now(CLOCK_MONOTONIC);
  deadline.tv_sec += 1;
  if (lock.wait_until(CLOCK_MONOTONIC, deadline)) return;
  said_waiting = true;
  log::warn(
      "waiting more than 1 s for lock semaphore {}: another producer holds it. If no producer is "
      "running, one was killed holding it (SIGKILL); reset it with: ipcdemo sem unlink {}",
      lock.name(), lock.name());
  lock.wait();
}

// What one producer saw of the others, and of the segment, when it ended.
struct Outcome {
  std::uint64_t done = 0;
  std::uint64_t last = 0;
  // Attempts of ours that came right after another producer's (the attempts word
  // moved on since our last one): proof that the producers really ran at the same
  // time, 0 when they ran one after another. Needs the attempts word.
  std::uint64_t interleaved = 0;
};

void log_summary(const Outcome& outcome, std::chrono::steady_clock::duration elapsed, Sync sync,
                 const Counter& counter, bool private_copy) {
  const std::uint64_t done = outcome.done;
  const std::uint64_t last = outcome.last;
  const double seconds = std::chrono::duration<double>(elapsed).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  const std::string rate_text =
      rate >= 1e6 ? fmt::format("{:.2f} million/s", rate / 1e6) : fmt::format("{:.1f}/s", rate);
  log::info("produced {} in {:.3f} s ({}, --sync {}); last value written: {}", counted(done, "increment"),
            seconds, rate_text, sync_name(sync), last);
  // Exact once every producer has ended; while others still run, their increment in
  // flight (attempted, not yet stored) counts as lost for a moment.
  if (private_copy) return; // the segment is not what we wrote: log_private_outcome says both
  // The overlap is said only when there was one: a lone producer has none to report.
  if (outcome.interleaved > 0)
    log::info("segment now: {}; {}{} times", describe(counter.tally()), overlap_marker, outcome.interleaved);
  else
    log::info("segment now: {}", describe(counter.tally()));
}

} // namespace

Sync parse_sync(std::string_view text) {
  for (std::size_t i = 0; i < std::size(sync_names); ++i)
    if (text == sync_names[i]) return static_cast<Sync>(i);
  throw UsageError(fmt::format("'{}' is not one of: {}", text, fmt::join(sync_names, ", ")));
}

std::string_view sync_name(Sync sync) {
  const auto index = static_cast<std::size_t>(sync);
  return index < std::size(sync_names) ? sync_names[index] : "?";
}

std::string lock_name(std::string_view segment_name, std::string_view given) {
  return normalize_ipc_name(given.empty() ? std::string(segment_name) + "-lock" : std::string(given),
                            ObjectKind::sem);
}

namespace {

// --private: what copy-on-write did to the counter's page, and what the segment
// itself says, seen through a fresh shared mapping.
void log_private_outcome(const std::string& name, const Counter& counter, const std::string& page_before,
                         const std::string& page_after) {
  log::info(
      "--private: the counter's page (/proc/self/smaps) was the segment's own before our first write "
      "({}), a copy of our own after it ({})",
      page_before, page_after);
  log::info("--private: our copy says {}; the segment itself, which no write of ours reached: {}",
            describe(counter.tally()), describe(Counter::open(name, false).tally()));
}

std::string page_state(const Counter& counter) {
  const auto counts = maps::own_smaps(counter.address());
  return counts ? maps::describe(*counts) : "(not found in smaps)";
}

} // namespace

void produce(const std::string& name, const ProduceSettings& settings) {
  Counter counter = settings.private_copy ? Counter::open_private(name) : Counter::open(name, true);
  std::string page_before;
  std::string page_after;
  if (settings.private_copy) {
    (void)counter.load(); // fault the segment's own page in, as a reader would
    page_before = page_state(counter);
  }
  std::optional<sys::Semaphore> lock;
  if (settings.sync == Sync::sem)
    // Whoever may write the segment may take its lock.
    lock = open_lock(settings.lock_name, counter.status().st_mode & 0666);

  Ticker ticker(settings.interval);
  NumberLines out(ticker.pauses());
  const auto start = std::chrono::steady_clock::now();
  Outcome outcome;
  std::uint64_t& done = outcome.done;
  std::uint64_t& last = outcome.last;
  std::uint64_t last_attempt = 0;
  bool said_waiting = false;
  try {
    while (settings.count == 0 || done < settings.count) {
      std::uint64_t written = 0;
      switch (settings.sync) {
        case Sync::racy: written = counter.racy_increment(); break;
        case Sync::atomic: written = counter.atomic_increment(); break;
        case Sync::sem: {
          acquire(*lock, said_waiting);
          // Should the increment raise SIGBUS, the reporter gives the lock back first.
          sys::Semaphore::Held held(*lock);
          written = counter.racy_increment(); // the lock makes load-and-store safe
          held.release();
          break;
        }
      }
      // Counted in every mode, atomically, after the increment: what the counter
      // should reach. Counting after means a reader (who reads the attempts first)
      // never takes an increment still in flight for a lost one: with --sync atomic
      // or sem the counter is never below the attempts. The racy increment itself
      // stays as racy as the screenplay's.
      const std::uint64_t attempts_before = counter.record_attempt();
      if (done > 0 && attempts_before != last_attempt + 1) ++outcome.interleaved;
      last_attempt = attempts_before;
      last = written;
      if (done == 0 && settings.private_copy) page_after = page_state(counter);
      ++done;
      out.put(last);
      if (done == settings.count) break; // no pause after the last one
      ticker.wait();
    }
  } catch (const Interrupted&) {
    log_summary(outcome, std::chrono::steady_clock::now() - start, settings.sync, counter,
                settings.private_copy);
    if (settings.private_copy) log_private_outcome(name, counter, page_before, page_after);
    throw;
  }
  log_summary(outcome, std::chrono::steady_clock::now() - start, settings.sync, counter,
              settings.private_copy);
  if (settings.private_copy) log_private_outcome(name, counter, page_before, page_after);
}

} // namespace ipcdemo::shm
