#include "tour/scenes.hpp"

#include "base/error.hpp"
#include "ipc/name.hpp"

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

Scene read_versus_map() {
  return {"read",
          "Reading a file: read() copies, mmap() maps",
          {
              say("read() copies the file from the kernel's page cache into a buffer of ours, and\n"
                  "write() copies it back into the kernel: two copies. Watch read() and write():"),
              {.kind = Step::Kind::run, .args = {"-v", "mmap", "cat", "-"}, .input = "/etc/passwd"},
              say("mmap() makes the page cache pages part of our address space instead: no read(),\n"
                  "no buffer, and write() copies them into the kernel once:"),
              run({"-v", "mmap", "cat", "/etc/passwd"}),
              say("Our output is a pipe: with --zero-copy, vmsplice() hands those very pages to it\n"
                  "without any copy. The price: the pipe refers to the file's pages, so a reader that\n"
                  "reads after the file changed gets the new bytes, not the ones printed:"),
              run({"-v", "mmap", "cat", "--zero-copy", "/etc/passwd"}),
          }};
}

Scene mappings() {
  return {"maps",
          "File-backed and anonymous mappings in /proc/PID/maps",
          {
              say("Every mapping is a row of /proc/PID/maps. File-backed rows name their file (the\n"
                  "program, libraries, a mapped file); anonymous memory (heap, stack, MAP_ANONYMOUS)\n"
                  "has none. Here is our own process after mapping /etc/passwd and 1 MiB of\n"
                  "anonymous memory (the marked rows):"),
              run({"mmap", "maps", "--anon", "1M"}, "ADDRESS|<--|[heap]|[stack]|mappings:"),
          }};
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
  return {"shm",
          "Shared memory: mmap() of a file in /dev/shm",
          {
              say("POSIX shared memory is nothing but mmap() with predefined file names: shm_open()\n"
                  "opens a file in /dev/shm (a tmpfs), ftruncate() gives it a size. To publish it\n"
                  "only once sized, create makes it without a name (O_TMPFILE), sizes it, then\n"
                  "names it with linkat(). Watch -v:"),
              run({"-v", "shm", "create", names.shm, "--size", "4K", "--exclusive"}),
              say("A consumer prints the counter in the segment's first 8 bytes while a producer\n"
                  "increments it: two processes, one memory, no system call in between."),
              start("consumer", {"shm", "consume", names.shm, "--count", "6", "--interval", "150ms"}),
              start("producer", {"shm", "produce", names.shm, "--count", "5", "--interval", "150ms"}),
              finish(),
              run({"shm", "info", names.shm}),
          }};
}

Scene lost_increments(const TourNames& names) {
  std::vector<Step> steps = {
      say("Four producers at once, with no lock: each loads the counter, adds one, stores it.\n"
          "A store based on a stale load overwrites another's work: increments get lost."),
      run({"shm", "create", names.race_racy, "--exclusive"}),
  };
  for (const char* label : {"racy-1", "racy-2", "racy-3", "racy-4"})
    steps.push_back(
        start(label, {"shm", "produce", names.race_racy, "--interval", "0", "--count", "200000"}, true));
  steps.push_back(finish());
  steps.push_back(say("4 x 200000 increments were made. What the counter says:"));
  steps.push_back(run({"shm", "info", names.race_racy}, "counter"));
  steps.push_back(
      say("The same with --sync sem: a named semaphore of value 1 as a mutex around the\n"
          "load and the store. Slower, and nothing is lost:"));
  steps.push_back(run({"shm", "create", names.race_sem, "--exclusive"}));
  for (const char* label : {"locked-1", "locked-2", "locked-3", "locked-4"})
    steps.push_back(start(
        label, {"shm", "produce", names.race_sem, "--interval", "0", "--count", "20000", "--sync", "sem"},
        true));
  steps.push_back(finish());
  steps.push_back(say("4 x 20000 increments were made. What the counter says:"));
  steps.push_back(run({"shm", "info", names.race_sem}, "counter"));
  return {"race", "Lost increments without a lock, none with a semaphore", std::move(steps)};
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
              run({"sem", "post", names.sem}),
              finish(),
              say("With --try, a wait that would block fails at once instead (exit status 3):"),
              run({"sem", "wait", names.sem, "--try"}, {}, 3),
          }};
}

Scene message_queue(const TourNames& names) {
  return {"mq",
          "Message queues: samples as flat C structs",
          {
              say("A queue of at most 10 messages of 24 bytes: one measurement sample (timestamp,\n"
                  "value, channel, and 4 reserved bytes that keep the layout free of padding)."),
              run({"mq", "create", names.mq, "--exclusive"}),
              say("A receive on the empty queue blocks until a sender arrives:"),
              start("receiver", {"mq", "recv", names.mq}),
              wait_blocked("receiver"),
              run({"mq", "send", names.mq, "--channel", "7", "--value", "42"}),
              finish(),
              say("Priorities: the highest comes out first, whatever the order of sending."),
              run({"mq", "send", names.mq, "--prio", "1", "--value", "1"}),
              run({"mq", "send", names.mq, "--prio", "9", "--value", "9"}),
              run({"mq", "info", names.mq}),
              run({"mq", "recv", names.mq, "--count", "2"}, "prio|value"),
          }};
}

} // namespace

TourNames tour_names(int pid, std::string_view nonce) {
  const std::string prefix = fmt::format("/ipcdemo-tour-{}-{}", pid, nonce);
  return {prefix + "-shm", prefix + "-racy", prefix + "-locked", prefix + "-sem", prefix + "-mq"};
}

TourNames unused_tour_names(int pid) {
  for (int attempt = 0;; ++attempt) {
    std::array<unsigned char, 4> random{};
    if (::getrandom(random.data(), random.size(), 0) != static_cast<ssize_t>(random.size()))
      throw SysError("getrandom", "the tour's names", errno);
    TourNames names =
        tour_names(pid, fmt::format("{:02x}{:02x}{:02x}{:02x}", random[0], random[1], random[2], random[3]));
    bool taken = false;
    for (const auto* name : {&names.shm, &names.race_racy, &names.race_sem, &names.sem}) {
      struct stat status {};
      for (const std::string& path :
           {ipc_object_path(*name, ObjectKind::shm), ipc_object_path(*name, ObjectKind::sem),
            ipc_object_path(*name + "-lock", ObjectKind::sem)})
        taken = taken || ::lstat(path.c_str(), &status) == 0;
    }
    if (!taken) return names;
    if (attempt == 10)
      throw Error(exit_code::failure, "tour: could not find names for its objects that are not taken");
  }
}

std::vector<Scene> all_scenes(const TourNames& names) {
  return {read_versus_map(),      mappings(),       shared_memory(names),
          lost_increments(names), semaphore(names), message_queue(names)};
}

} // namespace ipcdemo::tour
