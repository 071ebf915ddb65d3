// shm: the screenplay's second scene. POSIX shared memory is "nothing but mmap()
// with predefined filenames": a segment is a file in /dev/shm, its first 8 bytes
// a counter that producers increment and consumers watch.
#include "commands/groups.hpp"

#include "ipc/owner.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "cli/invocation.hpp"
#include "commands/ipc_options.hpp"
#include "ipc/name.hpp"
#include "shm/consume.hpp"
#include "shm/counter.hpp"
#include "shm/dump.hpp"
#include "shm/produce.hpp"
#include "shm/segment.hpp"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>

namespace ipcdemo::commands {

namespace {

int create(const Invocation& invocation) {
  const std::string name = object_name(invocation, ObjectKind::shm);
  const std::uint64_t size = invocation.size("size");
  if (size < shm::counter_size)
    throw UsageError(fmt::format("--size {}: a segment needs at least {} bytes, for its counter", size,
                                 shm::counter_size));
  const mode_t mode = invocation.mode("mode");
  const auto result = shm::create(name, size, mode, invocation.flag("exclusive"));
  if (!result.created) {
    std::vector<std::string> not_applied;
    if (static_cast<std::uint64_t>(result.status.st_size) != size)
      not_applied.push_back(fmt::format("--size {} (it has {} bytes)", size, result.status.st_size));
    if (auto mode_note = mode_not_applied(mode, result.status.st_mode)) not_applied.push_back(*mode_note);
    warn_existing("shared memory", name, not_applied);
  }
  fmt::print("path: {}\nsize: {}\n", ipc_object_path(name, ObjectKind::shm), result.status.st_size);
  return exit_code::ok;
}

int produce(const Invocation& invocation) {
  const std::string name = object_name(invocation, ObjectKind::shm);
  shm::ProduceSettings settings{.count = invocation.count("count"),
                                .interval = invocation.duration("interval"),
                                .sync = shm::parse_sync(invocation.text("sync"))};
  if (settings.sync == shm::Sync::sem)
    settings.lock_name = invocation.given("lock")
                             ? normalize_ipc_name(invocation.text("lock"), ObjectKind::sem)
                             : normalize_ipc_name(shm::default_lock_name(name), ObjectKind::sem);
  else if (invocation.given("lock"))
    log::warn("--lock is used only with --sync sem; ignoring it");
  shm::produce(name, settings);
  return exit_code::ok;
}

int consume(const Invocation& invocation) {
  shm::consume(object_name(invocation, ObjectKind::shm), {.count = invocation.count("count"),
                                                          .interval = invocation.duration("interval"),
                                                          .changes_only = invocation.flag("changes")});
  return exit_code::ok;
}

int info(const Invocation& invocation) {
  const std::string name = object_name(invocation, ObjectKind::shm);
  const sys::Fd fd = shm::open(name, O_RDONLY);
  const struct stat status = sys::fstat(fd);
  fmt::print("path: {}\nsize: {}\nmode: {:04o}\nowner: {}\ngroup: {}\n",
             ipc_object_path(name, ObjectKind::shm), status.st_size, status.st_mode & 07777,
             fmt::format("{} (uid {})", user_name(status.st_uid), status.st_uid),
             fmt::format("{} (gid {})", group_name(status.st_gid), status.st_gid));
  if (static_cast<std::size_t>(status.st_size) < shm::counter_size)
    fmt::print("counter: none (the segment is shorter than the {}-byte counter)\n", shm::counter_size);
  else
    fmt::print("counter: {}\n", shm::Counter::map(fd, false).load());
  return exit_code::ok;
}

int dump(const Invocation& invocation) {
  shm::DumpRange range{.offset = invocation.size("offset")};
  if (invocation.given("length")) range.length = invocation.size("length");
  shm::dump(object_name(invocation, ObjectKind::shm), range, invocation.flag("json"));
  return exit_code::ok;
}

int unlink(const Invocation& invocation) {
  const std::string name = unlink_name(invocation, ObjectKind::shm);
  shm::unlink(name);
  log::info("removed {} (processes that have it mapped keep their mapping)",
            ipc_object_path(name, ObjectKind::shm));
  return exit_code::ok;
}

OptionSpec count_option(std::string_view help) {
  return {.flags = "-c,--count", .type = ValueType::count, .help = help, .default_value = "0"};
}

OptionSpec interval_option(std::string_view help) {
  return {.flags = "-i,--interval", .type = ValueType::duration, .help = help, .default_value = "1s"};
}

} // namespace

GroupSpec shm_group() {
  return {
      .name = "shm",
      .summary = "POSIX shared memory: a counter that producers increment and consumers watch",
      .description =
          "POSIX shared memory is nothing but mmap() with predefined file names: shm_open(\"/NAME\")\n"
          "opens /dev/shm/NAME, a file on a tmpfs, and every process that maps it with MAP_SHARED\n"
          "sees the same pages. The first 8 bytes of a segment hold a 64-bit counter.\n"
          "Run several producers on one segment to watch increments get lost without a lock,\n"
          "and not with --sync atomic or --sync sem.",
      .commands =
          {
              {
                  .action = "create",
                  .summary = "Create a shared memory segment and give it a size",
                  .description =
                      "shm_open(NAME, O_CREAT|O_EXCL|O_RDWR, MODE), then ftruncate(SIZE): a new segment\n"
                      "has size 0 until it is given one. Prints the file under /dev/shm and its size.\n"
                      "An existing segment is opened and left as it is (a warning says which settings\n"
                      "did not apply), unless --exclusive makes that an error.",
                  .examples = {"ipcdemo shm create", "ipcdemo shm create demo --size 64K --mode 0660",
                               "ipcdemo -v shm create --exclusive", "ipcdemo shm create && ls -l /dev/shm"},
                  .options = {{.flags = "-s,--size",
                               .type = ValueType::size,
                               .help = "Size of a new segment (at least 8 bytes: the counter)",
                               .default_value = "4096"},
                              exclusive_option(),
                              mode_option()},
                  .arguments = {name_argument(ObjectKind::shm)},
                  .handler = create,
              },
              {
                  .action = "produce",
                  .summary = "Increment the shared counter at an interval, printing each value written",
                  .description =
                      "Maps the counter PROT_READ|PROT_WRITE, MAP_SHARED, and every interval increments it\n"
                      "and prints the value it wrote. How it increments is --sync:\n"
                      "  racy    the screenplay's producer: read, add one, write back, no lock. Run\n"
                      "          several at once and increments are lost: two producers read the same\n"
                      "          value and both write value+1.\n"
                      "  atomic  one atomic fetch-add (lock xadd on x86): nothing is lost.\n"
                      "  sem     a named semaphore of value 1 used as a mutex around read-add-write:\n"
                      "          nothing is lost, at the price of sem_wait and sem_post per increment.\n"
                      "          The semaphore (--lock) is created on first use; a producer killed by\n"
                      "          SIGKILL while holding it leaves it at 0 (reset: sem unlink it).\n"
                      "On exit (count reached, Ctrl-C, SIGTERM) a summary on stderr tells how many\n"
                      "increments were done, in how long, and at what rate.",
                  .examples =
                      {"ipcdemo shm produce", "ipcdemo shm produce --interval 0 --count 100000 --sync atomic",
                       "for i in 1 2 3 4; do ipcdemo shm produce -i 0 -c 100000 >/dev/null & done; wait; "
                       "ipcdemo shm info",
                       "ipcdemo shm produce -i 0 -c 100000 --sync sem --lock /my-lock"},
                  .options = {count_option("Increments to do; 0 means until interrupted"),
                              interval_option("Pause between increments; 0 means none"),
                              {.flags = "--sync",
                               .type = ValueType::choice,
                               .help = "How to increment: racy (load, then store), atomic, or sem (a lock)",
                               .default_value = "racy",
                               .choices = {"racy", "atomic", "sem"}},
                              {.flags = "-l,--lock",
                               .type = ValueType::object,
                               .help = "The lock semaphore for --sync sem (default: NAME-lock)",
                               .object = ObjectKind::sem}},
                  .arguments = {name_argument(ObjectKind::shm)},
                  .handler = produce,
              },
              {
                  .action = "consume",
                  .summary = "Print the shared counter at an interval",
                  .description =
                      "Opens the segment O_RDONLY, maps the counter PROT_READ, MAP_SHARED, and every\n"
                      "interval prints its value: the consumer sees what producers write without any\n"
                      "copy or system call. With --changes it polls at the interval but prints only\n"
                      "values that differ from the last one printed. The segment being truncated\n"
                      "under it ends it with a clear error (SIGBUS), exit 1.",
                  .examples = {"ipcdemo shm consume", "ipcdemo shm consume --changes --interval 100ms",
                               "ipcdemo shm consume --count 1 --interval 0"},
                  .options = {count_option("Values to print; 0 means until interrupted"),
                              interval_option("Pause between reads; 0 means none"),
                              {.flags = "--changes",
                               .type = ValueType::flag,
                               .help = "Print a value only when it differs from the last one printed"}},
                  .arguments = {name_argument(ObjectKind::shm)},
                  .handler = consume,
              },
              {
                  .action = "info",
                  .summary = "Show a segment's path, size, mode, owner and counter",
                  .description =
                      "shm_open(O_RDONLY) and fstat: the file under /dev/shm, its size, its mode (after the\n"
                      "creator's umask), owner and group, and the counter's current value.",
                  .examples = {"ipcdemo shm info", "ipcdemo shm info demo"},
                  .arguments = {name_argument(ObjectKind::shm)},
                  .handler = info,
              },
              {
                  .action = "dump",
                  .summary = "Print a segment's bytes as hexdump -C does",
                  .description =
                      "Reads the segment with pread (O_RDONLY; never mapped, so a segment truncated "
                      "meanwhile\n"
                      "ends the dump instead of raising SIGBUS) and prints 16 bytes a line: the offset, the\n"
                      "bytes in hex, and the printable ones as text. A run of identical lines is folded\n"
                      "into one '*', and the last line is the offset after the last byte, as hexdump -C\n"
                      "prints. The counter is the first 8 bytes, in the machine's byte order.",
                  .examples = {"ipcdemo shm dump", "ipcdemo shm dump demo --offset 4K --length 64",
                               "ipcdemo shm dump --json | jq -r .hex"},
                  .options = {{.flags = "-o,--offset",
                               .type = ValueType::size,
                               .help = "Start this many bytes into the segment",
                               .default_value = "0"},
                              {.flags = "-l,--length",
                               .type = ValueType::size,
                               .help = "Print at most this many bytes (default: to the end)"},
                              {.flags = "-j,--json",
                               .type = ValueType::flag,
                               .help = "One JSON object: name, size, offset, the bytes in hex, and length"}},
                  .arguments = {name_argument(ObjectKind::shm)},
                  .handler = dump,
              },
              {
                  .action = "unlink",
                  .summary = "Remove a segment's name",
                  .description =
                      "shm_unlink: the name disappears from /dev/shm at once; processes that have the\n"
                      "segment mapped keep using it, and its memory is freed when the last one unmaps it.\n"
                      "A lock semaphore made by 'produce --sync sem' is removed with 'sem unlink'.\n"
                      "Without NAME the default segment is removed only when it is yours; another user's\n"
                      "must be named explicitly (exit 2 otherwise). Many at once: ipcdemo rm.",
                  .examples = {"ipcdemo shm unlink",
                               "ipcdemo shm unlink demo && ipcdemo sem unlink demo-lock"},
                  .arguments = {name_argument(ObjectKind::shm)},
                  .handler = unlink,
              },
          },
  };
}

} // namespace ipcdemo::commands
