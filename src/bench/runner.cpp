// SPDX-License-Identifier: MIT
#include "bench/runner.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "base/signals.hpp"
#include "bench/exchanges.hpp"
#include "bench/object_costs.hpp"
#include "bench/objects.hpp"
#include "bench/pair.hpp"
#include "bench/sample.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <functional>
#include <memory>
#include <tuple>

namespace ipcdemo::bench {

namespace {

constexpr Family spin = Family::spin;
constexpr Family futex = Family::futex;
constexpr Family kernel = Family::kernel_object;
constexpr Family pipes = Family::pipe;
constexpr Family sockets = Family::socket;

constexpr std::array<Mechanism, 24> table = {{
    {"shm-spin", "shm cache line, spin (floor)", Kind::round_trip, spin, true},
    {"futex", "bare futex wait/wake", Kind::round_trip, futex, false},
    {"sem", "named sem, blocking", Kind::round_trip, futex, false},
    {"sem-spin", "named sem, spin then block", Kind::round_trip, futex, false},
    {"sem-unnamed", "unnamed sem in shm, blocking", Kind::round_trip, futex, false},
    {"eventfd", "eventfd", Kind::round_trip, kernel, false},
    {"signal", "real-time signal, sigqueue", Kind::round_trip, kernel, false},
    {"mq", "POSIX mq", Kind::round_trip, kernel, true},
    {"pipe", "pipe", Kind::round_trip, pipes, true},
    {"fifo", "FIFO (named pipe)", Kind::round_trip, pipes, true},
    {"unix", "unix socketpair, stream", Kind::round_trip, sockets, true},
    {"seqpacket", "unix socketpair, seqpacket", Kind::round_trip, sockets, true},
    {"tcp", "TCP on 127.0.0.1", Kind::round_trip, sockets, true},
    {"shm-ring", "shm ring of 256 (floor)", Kind::stream, spin, true},
    {"mq-stream", "POSIX mq at full depth", Kind::stream, kernel, true},
    {"pipe-stream", "pipe", Kind::stream, pipes, true},
    {"fifo-stream", "FIFO (named pipe)", Kind::stream, pipes, true},
    {"unix-stream", "unix socketpair, stream", Kind::stream, sockets, true},
    {"seqpacket-stream", "unix socketpair, seqpacket", Kind::stream, sockets, true},
    {"tcp-stream", "TCP on 127.0.0.1", Kind::stream, sockets, true},
    {"sem-open-new", "sem_open, new semaphore", Kind::object},
    {"sem-open-existing", "sem_open, existing semaphore", Kind::object},
    {"shm-create", "shm_open+ftruncate+mmap+unlink", Kind::object},
    {"mq-open", "mq_open+mq_close, existing", Kind::object},
}};

// How long each part of one measurement runs.
struct Budget {
  std::int64_t warmup_ns;
  std::int64_t repetition_ns;
};

Budget budget_for(bool quick) {
  return quick ? Budget{8'000'000, 10'000'000} : Budget{40'000'000, 40'000'000};
}

constexpr std::uint64_t max_batch = 1U << 24;

// Warm-up: batches of 1, 2, 4, ... operations until the warm-up budget is spent;
// the cheapest of them sizes the repetitions to the repetition budget (at least 1
// operation, so that an 8 ms spin on one CPU still ends).
template <typename RunBatch>
std::uint64_t calibrate(RunBatch&& run_batch, const Budget& budget) {
  std::uint64_t n = 1;
  std::int64_t spent = 0;
  double per_op = 0;
  for (;;) {
    const std::int64_t start = now_ns();
    run_batch(n);
    const std::int64_t wall = now_ns() - start;
    spent += wall;
    // The cheapest batch per operation: one preempted batch must not shrink the repetitions.
    const double this_batch = static_cast<double>(wall) / static_cast<double>(n);
    per_op = per_op == 0 ? this_batch : std::min(per_op, this_batch);
    if (spent >= budget.warmup_ns || n >= max_batch) break;
    n *= 2;
  }
  const double fits = static_cast<double>(budget.repetition_ns) / std::max(per_op, 1.0);
  return std::clamp<std::uint64_t>(static_cast<std::uint64_t>(fits), 1, max_batch);
}

// A mechanism can turn slower after warm-up (a spin that stops succeeding, a
// virtual CPU moved on the host): when a repetition overran its budget twice over,
// the next ones get fewer operations, so that a run keeps to its time.
std::uint64_t shrink_if_slow(std::uint64_t batch, std::int64_t elapsed_ns, const Budget& budget) {
  if (elapsed_ns <= 2 * budget.repetition_ns) return batch;
  const double scaled = static_cast<double>(batch) * static_cast<double>(budget.repetition_ns) /
                        static_cast<double>(elapsed_ns);
  return std::max<std::uint64_t>(1, static_cast<std::uint64_t>(scaled));
}

struct Built {
  std::unique_ptr<Exchange> exchange;
  std::string unit;
  std::string note;
};

Built build(std::string_view name, const Pinning& pinning, std::size_t size) {
  const std::uint32_t sem_spin = pinning.one_cpu ? 0 : sem_spin_polls;
  const std::uint32_t ring_spin = pinning.one_cpu ? 0 : ring_spin_polls;
  const long depth = queue_depth();
  if (name == "shm-spin")
    return {shm_spin_exchange(size), "ns",
            pinning.one_cpu ? "one CPU: each hand-over waits for the spinner's timeslice to end" : ""};
  if (name == "futex") return {futex_exchange(), "ns", "no payload: the sequence number is the futex word"};
  if (name == "sem") return {named_sem_exchange(0), "ns", ""};
  if (name == "sem-spin")
    return {named_sem_exchange(sem_spin), "ns",
            pinning.one_cpu ? "one CPU: spin skipped, blocks at once"
                            : fmt::format("up to {} sem_trywait before sem_wait", sem_spin)};
  if (name == "sem-unnamed") return {unnamed_sem_exchange(), "ns", "sem_init(pshared=1) in a shm segment"};
  if (name == "eventfd") return {eventfd_exchange(), "ns", "no payload: the sequence number is the count"};
  if (name == "signal")
    return {signal_exchange(), "ns", "SIGRTMIN with the sequence number as its value, sigwaitinfo"};
  if (name == "mq") return {mq_exchange(depth, size), "ns", ""};
  if (name == "pipe") return {link_round_trip(pipe_link(), size), "ns", ""};
  if (name == "fifo") return {link_round_trip(fifo_link(), size), "ns", ""};
  if (name == "unix") return {link_round_trip(socket_link(SOCK_STREAM), size), "ns", ""};
  if (name == "seqpacket") return {link_round_trip(socket_link(SOCK_SEQPACKET), size), "ns", ""};
  if (name == "tcp") return {link_round_trip(tcp_link(), size), "ns", "TCP_NODELAY"};
  if (name == "shm-ring")
    return {shm_ring_exchange(ring_spin, size), "messages/s",
            pinning.one_cpu ? "one CPU: no spin, sched_yield when full or empty"
                            : fmt::format("up to {} polls, then sched_yield", ring_spin)};
  if (name == "mq-stream")
    return {mq_stream_exchange(depth, size), "messages/s", fmt::format("depth {} (msg_max)", depth)};
  if (name == "pipe-stream") return {link_stream(pipe_link(), size), "messages/s", ""};
  if (name == "fifo-stream") return {link_stream(fifo_link(), size), "messages/s", ""};
  if (name == "unix-stream") return {link_stream(socket_link(SOCK_STREAM), size), "messages/s", ""};
  if (name == "seqpacket-stream") return {link_stream(socket_link(SOCK_SEQPACKET), size), "messages/s", ""};
  return {link_stream(tcp_link(), size), "messages/s", "TCP_NODELAY"};
}

// Why `mechanism` cannot run at `size` here, or nothing: a queue's messages are
// capped by /proc/sys/fs/mqueue/msgsize_max, and raising it takes root.
std::optional<std::string> limit_for(const Mechanism& mechanism, std::size_t size) {
  if (mechanism.name != "mq" && mechanism.name != "mq-stream") return std::nullopt;
  const long max = queue_message_max();
  if (static_cast<long>(size) <= max) return std::nullopt;
  return fmt::format("msgsize_max is {}: a {} message needs /proc/sys/fs/mqueue/msgsize_max raised", max,
                     format_size(size));
}

// Per-operation figure of one repetition in the result's unit.
double figure(std::int64_t elapsed_ns, std::uint64_t n, const Built& built) {
  const double seconds = static_cast<double>(std::max<std::int64_t>(elapsed_ns, 1)) / 1e9;
  const double ops = static_cast<double>(n);
  if (built.unit == "ns") return seconds * 1e9 / ops;
  return ops / seconds;
}

Result measure_pair(const Mechanism& mechanism, const Pinning& pinning, std::size_t size, const Plan& plan,
                    const Budget& budget) {
  Result result{.mechanism = std::string(mechanism.name),
                .label = std::string(mechanism.label),
                .kind = mechanism.kind,
                .family = mechanism.family,
                .size = mechanism.sized ? size : 0,
                .placement = std::string(placement_name(pinning.placement)),
                .processes = 2};
  if (const auto limit = limit_for(mechanism, size)) {
    result.skipped = *limit;
    return result;
  }
  Built built = build(mechanism.name, pinning, size);
  Pair pair(*built.exchange, pinning);
  std::uint64_t batch = calibrate([&](std::uint64_t n) { pair.run_batch(n); }, budget);
  const std::uint64_t peer_before = pair.peer_operations();
  std::vector<double> figures;
  std::uint64_t operations = 0;
  for (std::uint64_t r = 0; r < plan.repetitions; ++r) {
    const std::int64_t elapsed = pair.run_batch(batch);
    figures.push_back(figure(elapsed, batch, built));
    operations += batch;
    batch = shrink_if_slow(batch, elapsed, budget);
  }
  const std::uint64_t peer_measured = pair.peer_operations() - peer_before;
  const pid_t peer_pid = pair.child_pid();
  const std::uint64_t errors = pair.errors();
  pair.finish();
  if (errors != 0)
    throw Error(exit_code::failure,
                fmt::format("bench {}: {} samples arrived wrong or out of order", mechanism.name, errors));
  if (peer_measured != operations)
    throw Error(exit_code::failure, fmt::format("bench {}: this process did {} operations, the other {}",
                                                mechanism.name, operations, peer_measured));
  result.unit = built.unit;
  result.summary = summarize(std::move(figures));
  result.per_repetition = operations / plan.repetitions;
  result.operations = operations;
  result.pid = getpid();
  result.peer_pid = peer_pid;
  result.peer_operations = peer_measured;
  result.note = built.note;
  return result;
}

ObjectCost object_cost(std::string_view name) {
  if (name == "sem-open-new") return ObjectCost::sem_open_new;
  if (name == "sem-open-existing") return ObjectCost::sem_open_existing;
  if (name == "shm-create") return ObjectCost::shm_create;
  return ObjectCost::mq_open;
}

Result measure_object(const Mechanism& mechanism, const Plan& plan, const Budget& budget) {
  ObjectBench bench(object_cost(mechanism.name));
  std::uint64_t batch = calibrate([&](std::uint64_t n) { bench.run(n); }, budget);
  std::vector<double> figures;
  std::uint64_t operations = 0;
  for (std::uint64_t r = 0; r < plan.repetitions; ++r) {
    const std::int64_t start = now_ns();
    figures.push_back(static_cast<double>(bench.run(batch)) / static_cast<double>(batch));
    operations += batch;
    batch = shrink_if_slow(batch, now_ns() - start, budget);
  }
  return {.mechanism = std::string(mechanism.name),
          .label = std::string(mechanism.label),
          .kind = mechanism.kind,
          .unit = "ns",
          .summary = summarize(std::move(figures)),
          .per_repetition = operations / plan.repetitions,
          .operations = operations,
          .pid = getpid()};
}

// Each figure at debug level (-v): at the default level the table says them once.
void log_progress(const Result& result, std::size_t done, std::size_t total) {
  log::debug("bench [{}/{}] {}{}{}: {}", done, total, result.label,
             result.size == 0 ? "" : ", " + format_size(result.size),
             result.placement.empty() ? "" : ", " + result.placement,
             result.skipped.empty() ? format_value(result.summary.median, result.unit)
                                    : "not run: " + result.skipped);
}

std::string_view placement_phrase(Placement placement) {
  switch (placement) {
    case Placement::split: return "on two CPUs (split)";
    case Placement::same: return "sharing one CPU (same)";
    case Placement::any: return "where the scheduler puts them (any)";
  }
  return "";
}

// Ratios to the floor of the same kind, placement and size: time per round trip,
// or messages per second for streams. A row with no payload of its own is set
// against the floor at the smallest size.
void add_floor_ratios(std::vector<Result>& results, std::size_t smallest) {
  for (auto& result : results) {
    if (result.kind == Kind::object || !result.skipped.empty()) continue;
    const std::string_view floor_name = result.kind == Kind::round_trip ? "shm-spin" : "shm-ring";
    const std::size_t size = result.size == 0 ? smallest : result.size;
    for (const auto& floor : results) {
      if (floor.mechanism != floor_name || floor.placement != result.placement || floor.size != size)
        continue;
      result.floor_ratio = result.kind == Kind::round_trip ? result.summary.median / floor.summary.median
                                                           : floor.summary.median / result.summary.median;
    }
  }
}

} // namespace

std::span<const Mechanism> mechanisms() { return table; }

std::uint64_t default_repetitions(bool quick) { return quick ? 5 : 11; }

std::vector<Result> run(const Plan& plan) {
  const Budget budget = budget_for(plan.quick);
  // Two-process measurements: placement by placement, so each half of the table reads on its own.
  struct Step {
    const Mechanism* mechanism;
    std::optional<Pinning> pinning;
    std::size_t size;
  };
  std::vector<Step> steps;
  const auto usable = usable_cpus();
  const std::size_t smallest = plan.sizes.front();
  for (const auto placement : plan.placements)
    for (const auto size : plan.sizes)
      for (const auto& mechanism : table)
        if (mechanism.kind != Kind::object && (!plan.only || *plan.only == mechanism.name) &&
            (mechanism.sized || size == smallest))
          steps.push_back({&mechanism, pinning_for(placement, usable), size});
  for (const auto& mechanism : table)
    if (mechanism.kind == Kind::object && (!plan.only || *plan.only == mechanism.name))
      steps.push_back({&mechanism, std::nullopt, 0});
  const double estimate =
      static_cast<double>(steps.size()) *
      static_cast<double>(budget.warmup_ns * 2 +
                          budget.repetition_ns * static_cast<std::int64_t>(plan.repetitions)) /
      1e9;
  log::info("bench: {} measurements, median of {} repetitions each, about {:.0f} s", steps.size(),
            plan.repetitions, std::max(1.0, estimate));

  std::vector<Result> results;
  std::optional<Placement> section;
  bool objects_announced = false;
  for (const auto& [mechanism, pinning, size] : steps) {
    signals::throw_if_interrupted();
    // Progress at the default level: what is being measured, not the figures.
    if (pinning && section != pinning->placement) {
      section = pinning->placement;
      log::info("bench: two processes {}...", placement_phrase(pinning->placement));
    } else if (!pinning && !objects_announced) {
      objects_announced = true;
      log::info("bench: object costs, one process...");
    }
    results.push_back(pinning ? measure_pair(*mechanism, *pinning, size, plan, budget)
                              : measure_object(*mechanism, plan, budget));
    log_progress(results.back(), results.size(), steps.size());
  }
  add_floor_ratios(results, smallest);
  // Report order: kind by kind (round trips, streams, objects), then size by size (no payload: with the
  // smallest), then family by family; placements together within a family.
  const auto key = [smallest](const Result& r) {
    return std::tuple(r.kind, r.size == 0 ? smallest : r.size, r.family);
  };
  std::stable_sort(results.begin(), results.end(),
                   [&](const Result& a, const Result& b) { return key(a) < key(b); });
  return results;
}

} // namespace ipcdemo::bench
