// SPDX-License-Identifier: MIT
#include "shm/produce.hpp"

#include "sys/clock.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "base/size_text.hpp"
#include "base/ticker.hpp"
#include "ipc/name.hpp"
#include "mmap/smaps.hpp"
#include "shm/counter.hpp"
#include "shm/number_lines.hpp"
#include "sys/semaphore.hpp"

#include <fcntl.h>

#include <time.h>

#include <cerrno>
#include <cstdlib>
#include <optional>

namespace ipcdemo::shm {

namespace {

// Opens the lock, creating it with value 1 if it does not exist. Opening comes
// first (glibc's O_CREAT writes a new file before it looks, which fails on a full
// /dev/shm even when the lock exists); O_EXCL then makes two producers starting
// together create it once, each learning whether it did.
sys::Semaphore open_lock(const std::string& lock_name, mode_t mode) {
  // Bounded: a neighbour creating and unlinking the lock in a tight loop must not hang us.
  for (int attempt = 1;; ++attempt) {
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
      if (error.err() != EEXIST || attempt == 100) throw;
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

// What one producer did, and saw of the others, when it ended.
struct Outcome {
  Summary summary;
  std::uint64_t last = 0;
};

void log_summary(const std::string& name, const Outcome& outcome, std::chrono::steady_clock::duration elapsed,
                 const ProduceSettings& settings, const Counter& counter) {
  Summary summary = outcome.summary;
  summary.seconds = std::chrono::duration<double>(elapsed).count();
  for (const auto& line : summary_lines(summary, settings.sync, settings.widen, outcome.last))
    log::info("{}", line);
  if (settings.private_copy) return; // the segment is not what we wrote: log_private_outcome says both
  // Others may still be between their count and their store: no verdict on losses here.
  log::info("segment now: {}", describe_running(counter.tally(), name));
}

// The unsigned number at the start of `text`, digits grouped with commas or not.
std::optional<std::uint64_t> leading_number(std::string_view text) {
  std::uint64_t value = 0;
  bool any = false;
  for (const char c : text) {
    if (c == ',') continue;
    if (c < '0' || c > '9') break;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
    any = true;
  }
  return any ? std::optional(value) : std::nullopt;
}

constexpr std::string_view produced_marker = "produced ";
constexpr std::string_view interleaved_marker =
    "interleaved: another producer's increment came between two of ours ";

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

std::string duration_text(std::chrono::nanoseconds duration) {
  const auto ns = duration.count();
  if (ns != 0 && ns % 1'000'000'000 == 0) return fmt::format("{}s", ns / 1'000'000'000);
  if (ns != 0 && ns % 1'000'000 == 0) return fmt::format("{}ms", ns / 1'000'000);
  if (ns != 0 && ns % 1'000 == 0) return fmt::format("{}us", ns / 1'000);
  return fmt::format("{}ns", ns);
}

std::vector<std::string> summary_lines(const Summary& summary, Sync sync, std::chrono::nanoseconds widen,
                                       std::uint64_t last_written) {
  const double seconds = summary.seconds;
  const double rate = seconds > 0 ? static_cast<double>(summary.increments) / seconds : 0.0;
  const std::string rate_text = rate >= 1e6 ? fmt::format("{:.2f} million/s", rate / 1e6)
                                            : fmt::format("{}/s", grouped(static_cast<std::uint64_t>(rate)));
  // The window is named wherever it was widened: it is why these producers lose so much.
  const std::string how = sync != Sync::atomic && widen.count() > 0
                              ? fmt::format("--sync {} --widen {}", sync_name(sync), duration_text(widen))
                              : fmt::format("--sync {}", sync_name(sync));
  std::vector<std::string> lines = {fmt::format(
      "{}{} {} in {:.3f} s ({}, {}); last value written: {}", produced_marker, grouped(summary.increments),
      summary.increments == 1 ? "increment" : "increments", seconds, rate_text, how, grouped(last_written))};
  // Said only when it happened: a lone producer has nobody to interleave with.
  if (summary.interleaved > 0)
    lines.push_back(fmt::format("{}{} {}", interleaved_marker, grouped(summary.interleaved),
                                summary.interleaved == 1 ? "time" : "times"));
  return lines;
}

bool read_summary_line(std::string_view line, Summary& summary) {
  if (const auto at = line.find(interleaved_marker); at != std::string_view::npos) {
    const auto count = leading_number(line.substr(at + interleaved_marker.size()));
    if (!count) return false;
    summary.interleaved = *count;
    return true;
  }
  const auto at = line.find(produced_marker);
  if (at == std::string_view::npos) return false;
  std::string_view rest = line.substr(at + produced_marker.size());
  const auto count = leading_number(rest);
  const auto in = rest.find(" in ");
  if (!count || in == std::string_view::npos) return false;
  const std::string seconds(rest.substr(in + 4, rest.find(' ', in + 4) - (in + 4)));
  char* end = nullptr;
  const double value = std::strtod(seconds.c_str(), &end);
  if (end == seconds.c_str()) return false;
  summary.increments = *count;
  summary.seconds = value;
  return true;
}

namespace {

// --private: what copy-on-write did to the counter's page, and what the segment
// itself says, seen through a fresh shared mapping.
void log_private_outcome(const std::string& name, const Counter& counter, const std::string& page_before,
                         const std::string& page_after) {
  // One line each, as mmap cow shows its two steps: what tells the segment's own
  // page from a copy is Anonymous (Private only means no other process maps it).
  log::info("--private: before our first write, the counter's page: {}", page_before);
  log::info("--private: after it: {}", page_after);
  log::info("--private: our copy says {}; the segment itself, which no write of ours reached: {}",
            describe(counter.tally()), describe(Counter::open(name, false).tally()));
}

// What /proc/self/smaps says of the counter's page, and whose page it is.
std::string page_state(const Counter& counter) {
  const auto counts = maps::own_smaps(counter.address());
  if (!counts) return "(not found in /proc/self/smaps)";
  return fmt::format("{}, Anonymous {} kB: {}", maps::describe_resident(*counts), counts->anonymous,
                     counts->anonymous > 0 ? "a copy of our own" : "the segment's own page");
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
  std::uint64_t& done = outcome.summary.increments;
  std::uint64_t& last = outcome.last;
  std::uint64_t last_attempt = 0;
  bool said_waiting = false;
  const auto widen = settings.widen;
  const auto finish = [&] {
    log_summary(name, outcome, std::chrono::steady_clock::now() - start, settings, counter);
    if (settings.private_copy) log_private_outcome(name, counter, page_before, page_after);
  };
  try {
    while (settings.count == 0 || done < settings.count) {
      // Counted first, atomically, in every mode: what the counter should reach.
      // Counting before the increment means the counter can never be ahead of the
      // attempts, whoever reads them, also when a producer dies in between (that
      // increment is then lost: attempted, never made). The racy increment itself
      // stays as racy as the screenplay's.
      const std::uint64_t attempts_before = counter.record_attempt();
      if (done > 0 && attempts_before != last_attempt + 1) ++outcome.summary.interleaved;
      last_attempt = attempts_before;
      std::uint64_t written = 0;
      switch (settings.sync) {
        case Sync::racy: written = counter.racy_increment(widen); break;
        case Sync::atomic: written = counter.atomic_increment(); break;
        case Sync::sem: {
          acquire(*lock, said_waiting);
          // Should the increment raise SIGBUS, the reporter gives the lock back first.
          sys::Semaphore::Held held(*lock);
          written = counter.racy_increment(widen); // the lock makes load-and-store safe, however wide
          held.release();
          break;
        }
      }
      last = written;
      if (done == 0 && settings.private_copy) page_after = page_state(counter);
      ++done;
      out.put(last);
      if (done == settings.count) break; // no pause after the last one
      ticker.wait();
    }
  } catch (const Interrupted&) {
    finish();
    throw;
  }
  finish();
}

} // namespace ipcdemo::shm
