// SPDX-License-Identifier: MIT
#include "tour/scenes.hpp"

#include "base/error.hpp"
#include "ipc/name.hpp"
#include "shm/produce.hpp"
#include "sys/directory.hpp"

#include <sys/random.h>
#include <sys/stat.h>

#include <fmt/format.h>

#include <array>
#include <cerrno>

namespace ipcdemo::tour {

namespace {

Step say(std::string text) { return {.kind = Step::Kind::say, .text = std::move(text)}; }

Step run(std::vector<std::string> args, std::string filter = {}, int expect_status = 0) {
  return {.kind = Step::Kind::run,
          .args = std::move(args),
          .filter = std::move(filter),
          .expect_status = expect_status};
}

Step viewed(std::vector<std::string> args, View view) {
  return {.kind = Step::Kind::run, .args = std::move(args), .view = view};
}

Scene read_versus_map() {
  std::vector<Step> steps = {
      say("read() copies the file from the kernel's page cache into a buffer of ours, and\n"
          "write() copies it back into the kernel: two copies. Watch read() and write():"),
      {.kind = Step::Kind::run, .args = {"-v", "mmap", "cat", "-"}, .input = "/etc/passwd"},
  };
  steps.push_back(
      say("mmap() makes the page cache pages part of our address space instead: no read(),\n"
          "no buffer of ours. write(2) still copies the mapped bytes into the kernel once,\n"
          "to the pipe: the copy path, one copy instead of two:"));
  steps.push_back(run({"-v", "mmap", "cat", "/etc/passwd"}));
  steps.push_back(
      say("--zero-copy: our output is a pipe, so vmsplice(2) hands those very pages to it\n"
          "without copying them at all: the zero-copy path (no write() of the data):"));
  steps.push_back(run({"-v", "mmap", "cat", "--zero-copy", "/etc/passwd"}));
  return {"read", "Reading a file: read() copies, mmap() maps", std::move(steps)};
}

Scene mappings() {
  return {"maps",
          "File-backed and anonymous mappings in /proc/PID/maps",
          {
              say("Every mapping is a row of /proc/PID/maps. File-backed rows name their file (the\n"
                  "program, libraries, a mapped file); anonymous memory (heap, stack, MAP_ANONYMOUS)\n"
                  "has none. Here is our own process after mapping /etc/passwd and 1 MiB of\n"
                  "anonymous memory (the marked rows; the tour leaves out the end address, offset and\n"
                  "kind columns, and the rows between):"),
              viewed({"mmap", "maps", "--anon", "1M"}, anon_maps_view),
              say("How does an address space get that way? A program stopped right after execve, and\n"
                  "as it exits: first what the kernel mapped, then the libraries the loader mapped:"),
              viewed({"mmap", "maps", "--exec", "/bin/true"}, exec_maps_view),
          }};
}

// With --pause, the tour stops before `step` until Enter: "[Enter to CUE]".
Step cued(Step step, std::string cue) {
  step.cue = std::move(cue);
  return step;
}

// A step that needs strace(1): skipped, with a note, where it is missing or not allowed.
Step strace_run(std::vector<std::string> args) {
  Step step = run(std::move(args));
  step.needs = "strace";
  return step;
}

Step start(std::string label, std::vector<std::string> args, bool discard_stdout = false) {
  return {.kind = Step::Kind::start,
          .args = std::move(args),
          .label = std::move(label),
          .discard_stdout = discard_stdout};
}

Step wait_blocked(std::string label) { return {.kind = Step::Kind::wait_blocked, .label = std::move(label)}; }

Step finish() { return {.kind = Step::Kind::finish}; }

Scene shared_memory(const TourNames& names) {
  // Narrated as the command makes it, the screenplay's way: shm_open then
  // ftruncate, with a moment at size 0.
  return {"shm",
          "Shared memory: mmap() of a file in /dev/shm",
          {
              say("POSIX shared memory is nothing but mmap() with predefined file names: shm_open()\n"
                  "with O_CREAT makes a file in /dev/shm (a tmpfs), of size 0, and ftruncate() gives\n"
                  "it its size. Watch -v:"),
              run({"-v", "shm", "create", names.shm, "--size", "4K", "--exclusive"}),
              say("A consumer prints the counter in the segment's first 8 bytes while a producer\n"
                  "increments it: two processes, one memory, no system call in between."),
              start("consumer", {"shm", "consume", names.shm, "--count", "5", "--interval", "150ms"}),
              start("producer", {"shm", "produce", names.shm, "--count", "4", "--interval", "150ms"}),
              finish(),
              run({"shm", "info", names.shm}),
          }};
}

Scene copy_on_write(const TourNames& names) {
  return {"cow",
          "MAP_SHARED versus MAP_PRIVATE: copy-on-write",
          {
              say("The producer maps the segment MAP_SHARED: its stores are the segment's. With\n"
                  "MAP_PRIVATE, the first write to a page copies it: the writer sees its bytes, the\n"
                  "file and every other process keep the old ones. On a file first (opened\n"
                  "O_RDONLY: a private mapping never writes back), watching /proc/self/smaps:"),
              run({"mmap", "cow", "/etc/passwd", "--write", "COPY"}, "reads|smaps|(Shared|after|by read(2)"),
              say("The same with a segment: two increments shared, then three in a private copy."),
              run({"shm", "create", names.cow, "--exclusive"}),
              run({"shm", "produce", names.cow, "--count", "2", "--interval", "0"}, "last value"),
              run({"shm", "produce", names.cow, "--private", "--count", "3", "--interval", "10ms"}),
              say("The private producer counted 3, 4, 5 in its copy; the segment still says 2:"),
              run({"shm", "info", names.cow}, "counter|attempts"),
          }};
}

// Four producers started together, each making the same number of increments, in
// each of the three ways; the segment counts what was attempted, so what was lost
// is counted, not guessed. Racy and sem producers widen the window between their
// load and their store by the default --widen, named on their command line.
Step race(const std::string& segment, const std::string& sync, bool until_lost) {
  std::vector<std::string> args = {"shm", "produce", segment, "-i", "0", "-c", "100000", "--sync", sync};
  if (sync != "atomic") args.insert(args.end(), {"--widen", shm::duration_text(shm::default_widen)});
  Step step{.kind = Step::Kind::race, .args = args, .discard_stdout = true};
  step.race = {.segment = segment, .producer = step.args, .producers = 4, .until_lost = until_lost};
  return step;
}

Scene lost_increments(const TourNames& names) {
  const std::string widen = shm::duration_text(shm::default_widen);
  return {
      "race",
      "Lost increments without a lock, none with atomic or sem",
      {
          say("Four producers at once, with no lock: each loads the counter, adds one and stores\n"
              "it. A store based on a stale load overwrites the others' work: increments get\n"
              "lost. Besides the counter the segment counts the increments attempted (the 8 bytes\n"
              "after it, added to atomically before each increment), so what was lost is counted:"),
          run({"shm", "create", names.race_racy, "--exclusive"}),
          say(fmt::format(
              "--widen {} (the default) makes each producer busy-wait between its load and its\n"
              "store: the window in which another's store is overwritten, made wide enough that\n"
              "four producers lose increments on every run, even on a busy machine where they\n"
              "would seldom meet inside a window of a few nanoseconds (--widen 0). Interleavings:\n"
              "how often another producer's increment came between two of one's own.",
              widen)),
          race(names.race_racy, "racy", true),
          say("The same four producers, the same counts, with --sync atomic: one atomic\n"
              "fetch-and-add (lock xadd on x86) per increment, with no window to widen:"),
          run({"shm", "create", names.race_atomic, "--exclusive"}),
          race(names.race_atomic, "atomic", false),
          say(fmt::format("And with --sync sem: a named semaphore of value 1 (NAME-lock, made by the\n"
                          "first producer) as a mutex around the load and the store, the same --widen {}\n"
                          "inside it. A producer that finds the lock taken sleeps in futex() until it is\n"
                          "free:",
                          widen)),
          run({"shm", "create", names.race_sem, "--exclusive"}),
          race(names.race_sem, "sem", false),
      }};
}

Scene semaphore(const TourNames& names) {
  return {"sem",
          "A semaphore created with value 7",
          {
              say("A semaphore created with value 7 lets seven waits through; each takes one away."),
              run({"sem", "create", names.sem, "--value", "7", "--exclusive"}),
              run({"sem", "wait", names.sem, "--count", "7"}),
              run({"sem", "value", names.sem}),
              say("The value is 0: the eighth wait blocks until another process posts."),
              start("waiter", {"sem", "wait", names.sem}),
              wait_blocked("waiter"),
              cued(run({"sem", "post", names.sem}), "post the semaphore and wake the waiter"),
              finish(),
              say("With --try, a wait that would block fails at once instead (exit status 3):"),
              run({"sem", "wait", names.sem, "--try"}, {}, 3),
              say("What the kernel saw of all this: --strace runs a command under the real strace,\n"
                  "showing IPC system calls only. sem_open is an openat of /dev/shm/sem.NAME and a\n"
                  "mmap of its 32 bytes; sem_post, with nobody waiting, is an atomic add in that\n"
                  "shared page: no system call at all (a waiter would cost one futex wake-up):"),
              strace_run({"--strace", "sem", "post", names.sem}),
          }};
}

Scene message_queue(const TourNames& names) {
  return {"mq",
          "Message queues: samples as flat C structs",
          {
              say("A queue of at most 10 messages of 24 bytes: one measurement sample (timestamp,\n"
                  "value, channel, and 4 reserved bytes that keep the layout free of padding), here\n"
                  "beside the screenplay's own struct msg as this machine's compiler lays it out:"),
              viewed({"mq", "layout"}, layout_view),
              run({"mq", "create", names.mq, "--exclusive"}),
              say("The mqueue file system shows each queue as a file (the screenplay mounts it to\n"
                  "look). As root, mq info mounts it in a mount namespace of its own, nothing on the\n"
                  "host; QSIZE counts the bytes queued:"),
              run({"mq", "info", names.mq}, "mqueue file"),
              say("A receive on the empty queue blocks until a sender arrives:"),
              start("receiver", {"mq", "recv", names.mq}),
              wait_blocked("receiver"),
              cued(run({"mq", "send", names.mq, "--channel", "7", "--value", "42"}),
                   "send a sample to the empty queue"),
              finish(),
              say("Priorities: the highest comes out first, whatever the order of sending."),
              run({"mq", "send", names.mq, "--prio", "1", "--value", "1"}),
              run({"mq", "send", names.mq, "--prio", "9", "--value", "9"}),
              run({"mq", "info", names.mq}, "curmsgs|mqueue file"),
              run({"mq", "recv", names.mq, "--count", "2"}, "prio|value"),
          }};
}

} // namespace

TourNames tour_names(int pid, std::string_view nonce) {
  const std::string prefix = fmt::format("/ipcdemo-tour-{}-{}", pid, nonce);
  return {.shm = prefix + "-shm",
          .race_racy = prefix + "-racy",
          .race_sem = prefix + "-locked",
          .sem = prefix + "-sem",
          .mq = prefix + "-mq",
          .race_atomic = prefix + "-atomic",
          .cow = prefix + "-cow"};
}

TourNames unused_tour_names(int pid) {
  for (int attempt = 0;; ++attempt) {
    std::array<unsigned char, 4> random{};
    if (::getrandom(random.data(), random.size(), 0) != static_cast<ssize_t>(random.size()))
      throw SysError("getrandom", "the tour's names", errno);
    TourNames names =
        tour_names(pid, fmt::format("{:02x}{:02x}{:02x}{:02x}", random[0], random[1], random[2], random[3]));
    bool taken = false;
    for (const auto* name :
         {&names.shm, &names.race_racy, &names.race_sem, &names.sem, &names.race_atomic, &names.cow}) {
      for (const std::string& path :
           {ipc_object_path(*name, ObjectKind::shm), ipc_object_path(*name, ObjectKind::sem),
            ipc_object_path(*name + "-lock", ObjectKind::sem)})
        taken = taken || sys::lstat_if_there(path).has_value();
    }
    if (!taken) return names;
    if (attempt == 10)
      throw Error(exit_code::failure, "tour: could not find names for its objects that are not taken");
  }
}

std::vector<Scene> all_scenes(const TourNames& names) {
  return {read_versus_map(),      mappings(),       shared_memory(names), copy_on_write(names),
          lost_increments(names), semaphore(names), message_queue(names)};
}

} // namespace ipcdemo::tour
