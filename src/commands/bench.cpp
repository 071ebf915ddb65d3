// SPDX-License-Identifier: MIT
// bench: what each IPC mechanism costs on this machine, between two real
// processes, side by side with the floor (a shared cache line polled by both).
#include "commands/groups.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "bench/placement.hpp"
#include "bench/report.hpp"
#include "bench/runner.hpp"
#include "bench/sample.hpp"
#include "cli/invocation.hpp"
#include "cli/parse.hpp"
#include "sys/directory.hpp"
#include "version.hpp"

#include <sys/utsname.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

namespace ipcdemo::commands {

namespace {

std::string cpu_model() {
  const std::string cpuinfo = sys::read_small_file("/proc/cpuinfo", nullptr, 1 << 16).value_or("");
  std::istringstream lines(cpuinfo);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.starts_with("model name")) continue;
    const auto colon = line.find(':');
    if (colon == std::string::npos) break;
    const auto start = line.find_first_not_of(' ', colon + 1);
    return start == std::string::npos ? std::string() : line.substr(start);
  }
  return "unknown CPU";
}

std::vector<bench::Placement> placements(const std::string& cpus, const std::vector<int>& usable) {
  if (cpus == "split") return {bench::Placement::split};
  if (cpus == "same") return {bench::Placement::same};
  if (cpus == "any") return {bench::Placement::any};
  if (usable.size() < 2) {
    log::info("bench: only CPU {} is usable: both processes share it (same)", usable.front());
    return {bench::Placement::same};
  }
  return {bench::Placement::split, bench::Placement::same};
}

// --size 24,1K: each size once, smallest first (the registry checked each is in range).
std::vector<std::size_t> sizes(const Invocation& invocation) {
  std::vector<std::size_t> out;
  for (const auto& text : split_list(invocation.texts("size"))) out.push_back(parse::size(text));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

int run_bench(const Invocation& invocation) {
  const bool quick = invocation.flag("quick");
  bench::Plan plan{.quick = quick, .repetitions = bench::default_repetitions(quick)};
  if (invocation.given("repetitions")) plan.repetitions = invocation.count("repetitions");
  if (invocation.given("only")) plan.only = invocation.text("only");
  plan.sizes = sizes(invocation);
  const auto usable = bench::usable_cpus();
  plan.placements = placements(invocation.text("cpus"), usable);
  // A split request on one CPU fails here, before anything runs.
  for (const auto placement : plan.placements) bench::pinning_for(placement, usable);

  const std::int64_t start = bench::now_ns();
  const auto results = bench::run(plan);
  utsname system{};
  uname(&system);
  const bench::RunInfo info{
      .version = IPCDEMO_VERSION,
      .cpu_model = cpu_model(),
      .kernel = system.release,
      .cpus_online = static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN)),
      .usable_cpus = usable,
      .quick = quick,
      .repetitions = plan.repetitions,
      .sizes = plan.sizes,
      .seconds = static_cast<double>(bench::now_ns() - start) / 1e9,
  };
  fmt::print(
      "{}", invocation.flag("json") ? bench::format_json(results, info) : bench::format_table(results, info));
  return exit_code::ok;
}

// What --cpus takes.
constexpr std::string_view cpu_placements[] = {"auto", "split", "same", "any"};

// What --only takes: made once, when the bench group is described.
Choices mechanism_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const auto& mechanism : bench::mechanisms()) out.push_back(mechanism.name);
    return out;
  }();
  return names;
}

} // namespace

GroupSpec bench_group() {
  static const GroupSpec group = {
      .name = "bench",
      .summary = "Measure what each IPC mechanism costs here, against the floor",
      .commands = {{
          .action = "",
          .summary = "Measure what each IPC mechanism costs here, against the floor",
          .description =
              "Forks a second process and measures, between the two, every mechanism people weigh\n"
              "against POSIX IPC, grouped by what it is built on. Each message starts with the\n"
              "screenplay's 24-byte sample (channel, timestamp, value); --size makes it bigger.\n"
              "  round trip  one message there and back:\n"
              "              spin: shm-spin (a shared cache line polled with atomics, the message beside\n"
              "              it: the floor, no kernel involved);\n"
              "              futex-based: futex (a bare FUTEX_WAIT/FUTEX_WAKE on a shared word), sem (two\n"
              "              sem_open'd semaphores), sem-spin (up to 20000 sem_trywait before sem_wait),\n"
              "              sem-unnamed (sem_init(pshared=1) in a shm segment);\n"
              "              kernel objects: eventfd (two counters), signal (SIGRTMIN with a value,\n"
              "              sigqueue + sigwaitinfo), mq (two queues);\n"
              "              pipe-based: pipe, fifo (mkfifo in a private mkdtemp directory);\n"
              "              socket-based: unix (SOCK_STREAM socketpair), seqpacket (SOCK_SEQPACKET),\n"
              "              tcp (127.0.0.1 only, an ephemeral port, TCP_NODELAY; a connection\n"
              "              that is not from bench's own client is closed, with a warning);\n"
              "  one way     the second process sends, this one receives, in messages/s: shm-ring (256\n"
              "              slots in a shm segment: the floor), mq-stream (a queue at its full depth, 10\n"
              "              or msg_max), pipe-stream, fifo-stream, unix-stream, seqpacket-stream,\n"
              "              tcp-stream;\n"
              "  objects     in this process: sem_open of a new and of an existing semaphore, shm\n"
              "              create+map+unlink, mq_open+mq_close.\n"
              "futex, sem*, eventfd and signal carry no payload of their own (a sequence number, or a\n"
              "sample beside the semaphore): they run once, among the smallest messages. The others run\n"
              "at every --size: a queue's msgsize and a ring's slot follow it; where a limit forbids a\n"
              "size (a 64K queue message needs /proc/sys/fs/mqueue/msgsize_max raised), the table says\n"
              "so on that row instead of failing.\n"
              "\n"
              "Each measurement warms up, sizes its batches to a time budget, and reports the median\n"
              "and the 10th-90th percentiles over the repetitions, and how many times the floor's cost\n"
              "it is (at the same size). Both processes count what they did; a message lost or out of\n"
              "order is an error.\n"
              "\n"
              "Placement often matters more than the mechanism. On two CPUs (split) a blocked process\n"
              "must be woken on the other CPU, which costs microseconds, while the floor costs what\n"
              "moving one cache line between the CPUs costs: tens of nanoseconds. On one CPU (same)\n"
              "every hand-over is a context switch: blocking gets cheaper, and a spin gets ruinous,\n"
              "because the spinner holds the CPU its partner needs until its timeslice ends\n"
              "(milliseconds). So spin phases are bounded, and skipped when only one CPU is usable.\n"
              "By default both placements are measured (same only, when one CPU is usable).\n"
              "\n"
              "Objects are named /ipcdemo-bench-PID-..., and unlinked as soon as both processes have\n"
              "them open; FIFOs likewise, and their directory removed: nothing is left behind, even\n"
              "when ipcdemo is killed. No traffic leaves 127.0.0.1. Progress goes to standard error\n"
              "(what is being measured; each figure too with -v); the report to standard output. The\n"
              "report ends with what its own figures say on this machine: the floor, the cost of a\n"
              "wake-up, placement, queue depth, and the cheapest mechanism for latency and for\n"
              "throughput at each size, computed from this run (and in --json as \"conclusions\"); a\n"
              "conclusion whose figures were not measured is left out.\n"
              "\n"
              "bench/compare-ipc.sh runs each mechanism beside a plain C program doing the same loop.",
          .examples = {"ipcdemo bench --quick", "ipcdemo bench --cpus split --only sem-spin",
                       "ipcdemo bench --quick --size 24,1K,64K", "ipcdemo bench --quick --json > bench.json",
                       "taskset -c 0 ipcdemo bench --cpus same"},
          .options =
              {
                  {.flags = "--quick",
                   .type = ValueType::flag,
                   .help = "Shorter warm-up, repetitions and budgets: about 4 s in all (default run: about "
                           "25 s; each further --size adds most of that again)"},
                  {.flags = "--json",
                   .type = ValueType::flag,
                   .help = "Print the report as one JSON document"},
                  {.flags = "--only",
                   .type = ValueType::choice,
                   .help = "Measure only this mechanism",
                   .choices = mechanism_names()},
                  {.flags = "--cpus",
                   .type = ValueType::choice,
                   .help = "split: two CPUs, same: one CPU for both, any: no pinning, auto: split and same",
                   .default_value = "auto",
                   .choices = cpu_placements},
                  {.flags = "--size",
                   .type = ValueType::size,
                   .help = "Bytes per message, a list (24,100,1K,64K): for every mechanism that carries data",
                   .default_value = "24",
                   .min = 24,
                   .max = 65536,
                   .range_error = "{option}: {value} bytes is not from {min} (one sample) to {max} (64K)",
                   .many = true},
                  {.flags = "-r,--repetitions",
                   .type = ValueType::count,
                   .help =
                       "Repetitions per measurement (the median is over these); default 11, 5 with --quick",
                   .min = 1,
                   .max = 1000},
              },
          .handler = run_bench,
      }},
  };
  return group;
}

} // namespace ipcdemo::commands
