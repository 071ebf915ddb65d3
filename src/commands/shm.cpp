// SPDX-License-Identifier: MIT
// shm: the screenplay's second scene. POSIX shared memory is "nothing but mmap()
// with predefined filenames": a segment is a file in /dev/shm, its first 8 bytes
// a counter that producers increment and consumers watch.
#include "commands/groups.hpp"

#include "base/error.hpp"
#include "base/escape.hpp"
#include "base/log.hpp"
#include "cli/invocation.hpp"
#include "commands/ipc_options.hpp"
#include "commands/shared_options.hpp"
#include "ipc/name.hpp"
#include "shm/consume.hpp"
#include "shm/dump.hpp"
#include "shm/info.hpp"
#include "shm/produce.hpp"
#include "shm/segment.hpp"
#include "shm/sizing.hpp"
#include "showc/shm.hpp"

namespace ipcdemo::commands {

namespace {

shm::SizeBy size_by(const Invocation& invocation) {
  return invocation.flag("hole") ? shm::SizeBy::hole : shm::SizeBy::ftruncate;
}

void check_hole(const Invocation& invocation) {
  if (size_by(invocation) == shm::SizeBy::hole && invocation.size("size") == 0)
    throw UsageError("--hole needs a --size of at least 1: it writes the last byte");
}

int create(const Invocation& invocation) {
  const std::string name = object_name(invocation, ObjectKind::shm);
  const std::uint64_t size = invocation.size("size");
  const auto how = size_by(invocation);
  check_hole(invocation);
  const mode_t mode = invocation.mode("mode");
  const auto way = invocation.flag("tmpfile") ? shm::CreateWay::unnamed_first : shm::CreateWay::shm_open;
  const auto result = shm::create(name, size, mode, invocation.flag("exclusive"), how, way);
  if (!result.created) {
    std::vector<std::string> not_applied;
    if (static_cast<std::uint64_t>(result.status.st_size) != size)
      not_applied.push_back(fmt::format("--size {} (it has {} bytes)", size, result.status.st_size));
    if (auto mode_note = mode_not_applied(mode, result.status.st_mode)) not_applied.push_back(*mode_note);
    warn_existing("shared memory", name, not_applied);
  }
  fmt::print("path: {}\nsize: {}\n", escape::visible(ipc_object_path(name, ObjectKind::shm)),
             result.status.st_size);
  if (result.created) shm::note_size(name, result.status);
  return exit_code::ok;
}

std::string create_in_c(const Invocation& invocation) {
  check_hole(invocation);
  if (invocation.flag("tmpfile"))
    throw UsageError(
        "--show-c shows the screenplay's shm_open and ftruncate: O_TMPFILE and linkat, which --tmpfile "
        "uses, are Linux's, not POSIX",
        "leave out --tmpfile");
  return showc::shm_create_program({.name = object_name(invocation, ObjectKind::shm),
                                    .size = invocation.size("size"),
                                    .mode = invocation.mode("mode"),
                                    .exclusive = invocation.flag("exclusive"),
                                    .hole = invocation.flag("hole")});
}

int resize(const Invocation& invocation) {
  const std::string name = object_name(invocation, ObjectKind::shm);
  if (!invocation.given("SIZE"))
    throw UsageError("shm resize needs a NAME and a SIZE", "for example: ipcdemo shm resize /demo 4K");
  const auto result = shm::resize(name, invocation.size("SIZE"), size_by(invocation));
  fmt::print("path: {}\nsize: {} (was {})\nallocated: {}\n",
             escape::visible(ipc_object_path(name, ObjectKind::shm)), result.status.st_size, result.old_size,
             shm::allocated_text(result.status));
  shm::note_size(name, result.status);
  return exit_code::ok;
}

shm::ProduceSettings produce_settings(const Invocation& invocation, const std::string& name) {
  shm::ProduceSettings settings{.count = invocation.count("count"),
                                .interval = invocation.duration("interval"),
                                .sync = shm::parse_sync(invocation.text("sync")),
                                .widen = invocation.duration("widen"),
                                .lock_name = {},
                                .private_copy = invocation.flag("private")};
  if (settings.sync == shm::Sync::atomic && invocation.given("widen") && settings.widen.count() > 0)
    log::warn(
        "--widen has no window to widen with --sync atomic: its load, add and store are one "
        "instruction; ignoring it");
  if (settings.sync == shm::Sync::sem)
    settings.lock_name = shm::lock_name(name, invocation.given("lock") ? invocation.text("lock") : "");
  else if (invocation.given("lock"))
    log::warn("--lock is used only with --sync sem; ignoring it");
  return settings;
}

int produce(const Invocation& invocation) {
  const std::string name = object_name(invocation, ObjectKind::shm);
  shm::produce(name, produce_settings(invocation, name));
  return exit_code::ok;
}

std::string produce_in_c(const Invocation& invocation) {
  const std::string name = object_name(invocation, ObjectKind::shm);
  const shm::ProduceSettings settings = produce_settings(invocation, name);
  return showc::shm_produce_program({.name = name,
                                     .count = settings.count,
                                     .interval = settings.interval,
                                     .sync = settings.sync,
                                     .widen = settings.widen,
                                     .lock_name = settings.lock_name,
                                     .private_copy = settings.private_copy});
}

int consume(const Invocation& invocation) {
  shm::consume(object_name(invocation, ObjectKind::shm), {.count = invocation.count("count"),
                                                          .interval = invocation.duration("interval"),
                                                          .changes_only = invocation.flag("changes")});
  return exit_code::ok;
}

std::string consume_in_c(const Invocation& invocation) {
  return showc::shm_consume_program({.name = object_name(invocation, ObjectKind::shm),
                                     .count = invocation.count("count"),
                                     .interval = invocation.duration("interval"),
                                     .changes_only = invocation.flag("changes")});
}

int info(const Invocation& invocation) {
  shm::print_info(object_name(invocation, ObjectKind::shm));
  return exit_code::ok;
}

int dump(const Invocation& invocation) {
  shm::DumpRange range{.offset = invocation.size("offset")};
  if (invocation.given("length")) range.length = invocation.size("length");
  shm::dump(object_name(invocation, ObjectKind::shm), range, invocation.flag("json"));
  return exit_code::ok;
}

int unlink(const Invocation& invocation) {
  shm::unlink(unlink_name(invocation, ObjectKind::shm));
  return exit_code::ok;
}

OptionSpec hole_option() {
  return {.flags = "--hole",
          .type = ValueType::flag,
          .help = "Size it the screenplay's other way: lseek to the last byte and write one byte there"};
}

} // namespace

GroupSpec shm_group() {
  static const GroupSpec group = {
      .name = "shm",
      .summary = "POSIX shared memory: a counter producers add to, consumers watch",
      .description =
          "POSIX shared memory is nothing but mmap() with predefined file names: shm_open(\"/NAME\")\n"
          "opens /dev/shm/NAME, a file on a tmpfs, and every process that maps it with MAP_SHARED\n"
          "sees the same pages. The first 8 bytes of a segment hold a 64-bit counter, the next 8\n"
          "the number of increments attempted (added to atomically by every producer), so that\n"
          "the increments lost are counted: counter 787,941 of 800,000 attempted: 12,059 lost.\n"
          "Run several producers on one segment to watch increments get lost without a lock,\n"
          "and not with --sync atomic or --sync sem.",
      .commands =
          {
              {
                  .action = "create",
                  .summary = "Create a shared memory segment and give it a size",
                  .description =
                      "The screenplay's create: shm_open(NAME, O_CREAT|O_EXCL|O_RDWR, MODE), then\n"
                      "ftruncate(SIZE). Between the two the segment exists with size 0: a consumer that\n"
                      "opens it then is told it is too short for the counter (-v says so). --tmpfile\n"
                      "makes the same segment without that moment: open(\"/dev/shm\", O_TMPFILE) makes\n"
                      "a file without a name, ftruncate sizes it, linkat names it (EEXIST if taken).\n"
                      "Prints the file under /dev/shm and its size.\n"
                      "--size 0 leaves it at size 0, as shm_open does ('shm resize' sizes it later).\n"
                      "With --hole it is sized the screenplay's other way: lseek to byte SIZE-1 and write\n"
                      "one byte, leaving a hole before it. The counter needs 8 bytes, the attempts 8 more.\n"
                      "An existing segment is opened and left as it is (a warning says which settings\n"
                      "did not apply), unless --exclusive makes that an error.",
                  .examples = {"ipcdemo shm create", "ipcdemo shm create demo --size 64K --mode 0660",
                               "ipcdemo shm create demo --size 0 && ipcdemo shm resize demo 4K",
                               "ipcdemo shm create demo --size 1M --hole && ipcdemo shm info demo",
                               "ipcdemo -v shm create --exclusive", "ipcdemo -v shm create demo --tmpfile",
                               "ipcdemo shm create && ls -l /dev/shm"},
                  .options = {{.flags = "-s,--size",
                               .type = ValueType::size,
                               .help = "Size of a new segment (0: as shm_open leaves it; 16 holds the "
                                       "counter and the attempts)",
                               .default_value = "4096"},
                              hole_option(),
                              {.flags = "--tmpfile",
                               .type = ValueType::flag,
                               .help = "Make it unnamed (O_TMPFILE), size it, then link it: never seen at "
                                       "size 0"},
                              exclusive_option(),
                              mode_option()},
                  .arguments = {name_argument(ObjectKind::shm)},
                  .handler = create,
                  .show_c = create_in_c,
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
                      "          SIGKILL while holding it leaves it at 0 (reset: sem unlink it).\n\n"
                      "--widen (default 1us) busy-waits between the load and the store of each racy\n"
                      "increment: the window in which another producer's store is overwritten, made\n"
                      "wide enough that four producers started together lose increments on every run,\n"
                      "even on a busy machine where they would otherwise rarely overlap inside it.\n"
                      "--widen 0 is the screenplay's bare load and store. With --sync sem the wait is\n"
                      "inside the lock (the same window, and nothing lost); --sync atomic has no window.\n\n"
                      "Every increment, in every mode, first adds one to the attempts word atomically,\n"
                      "so the counter is never above the attempts, even after a producer is killed.\n\n"
                      "On exit (count reached, Ctrl-C, SIGTERM) a summary on stderr tells how many\n"
                      "increments were done, in how long, at what rate and how (--sync, --widen); how\n"
                      "often another producer's increment came between two of ours (when it did: they\n"
                      "ran at the same time); and what the segment says now (what was lost is exact in\n"
                      "'shm info' once every producer has ended).\n\n"
                      "With --private the segment is opened O_RDONLY and mapped MAP_PRIVATE (the\n"
                      "screenplay's 'as opposed to MAP_PRIVATE'): the first write copies the page, so\n"
                      "the producer counts in a copy of its own that the segment and every consumer\n"
                      "never see. Its summary shows the page in /proc/self/smaps before and after that\n"
                      "first write, and what the segment itself still says.",
                  .examples =
                      {"ipcdemo shm produce", "ipcdemo shm produce --interval 0 --count 100000 --sync atomic",
                       "for i in 1 2 3 4; do ipcdemo shm produce -i 0 -c 50000 & done >/dev/null; wait",
                       "ipcdemo shm info", "ipcdemo shm produce -i 0 -c 100000 --widen 0",
                       "ipcdemo shm produce -i 0 -c 100000 --sync sem --lock /my-lock",
                       "ipcdemo shm produce --private --count 3 --interval 0 && ipcdemo shm info"},
                  .options = {count_option("Increments to do; 0 means until interrupted", "0"),
                              interval_option("Pause between increments; 0 means none", "1s"),
                              {.flags = "--sync",
                               .type = ValueType::choice,
                               .help = "How to increment: racy (load, then store), atomic, or sem (a lock)",
                               .default_value = "racy",
                               .choices = shm::sync_names},
                              {.flags = "--widen",
                               .type = ValueType::duration,
                               .help = "Busy-wait this long between the load and the store of each racy "
                                       "increment (inside the lock with sem), widening the window in which "
                                       "increments are lost; 0: none",
                               .default_value = "1us"},
                              {.flags = "-l,--lock",
                               .type = ValueType::object,
                               .help = "The lock semaphore for --sync sem (default: NAME-lock)",
                               .object = ObjectKind::sem},
                              {.flags = "--private",
                               .type = ValueType::flag,
                               .help = "Map MAP_PRIVATE (from O_RDONLY): increments go to a copy-on-write "
                                       "page of our own"}},
                  .arguments = {name_argument(ObjectKind::shm)},
                  .handler = produce,
                  .show_c = produce_in_c,
              },
              {
                  .action = "consume",
                  .summary = "Print the shared counter at an interval",
                  .description =
                      "Opens the segment O_RDONLY, maps the counter PROT_READ, MAP_SHARED, and every\n"
                      "interval prints its value: the consumer sees what producers write without any\n"
                      "copy or system call. With --changes it polls at the interval but prints only\n"
                      "values that differ from the last one printed. On exit, a line on stderr says\n"
                      "how many increments were attempted and lost. The segment being truncated\n"
                      "under it ends it with a clear error (SIGBUS), exit 1.",
                  .examples = {"ipcdemo shm consume", "ipcdemo shm consume --changes --interval 100ms",
                               "ipcdemo shm consume --count 1 --interval 0"},
                  .options = {count_option("Values to print; 0 means until interrupted", "0"),
                              interval_option("Pause between reads; 0 means none", "1s"),
                              {.flags = "--changes",
                               .type = ValueType::flag,
                               .help = "Print a value only when it differs from the last one printed"}},
                  .arguments = {name_argument(ObjectKind::shm)},
                  .handler = consume,
                  .show_c = consume_in_c,
              },
              {
                  .action = "info",
                  .summary = "Show a segment's path, size, mode, owner and counter",
                  .description =
                      "shm_open(O_RDONLY) and fstat: the file under /dev/shm, its size, the memory it\n"
                      "occupies (allocated: st_blocks x 512; a hole or a page never touched costs none),\n"
                      "its mode (after the creator's umask), owner and group, the counter's current\n"
                      "value, the increments attempted (\"not recorded\" for a segment of fewer than 16\n"
                      "bytes) and a summary with the increments lost. While other processes map it for\n"
                      "writing (producers at work), a counter behind its attempts is not called lost:\n"
                      "each producer counts an attempt just before its increment. Anything but a\n"
                      "regular file under the name (a FIFO, directory, socket or symbolic link) is\n"
                      "refused with what it is, exit 1.",
                  .examples = {"ipcdemo shm info", "ipcdemo shm info demo"},
                  .arguments = {name_argument(ObjectKind::shm)},
                  .handler = info,
              },
              {
                  .action = "resize",
                  .summary = "Give a segment a new size, with ftruncate or by writing past a hole",
                  .description =
                      "shm_open(NAME, O_RDWR), then ftruncate(SIZE): the screenplay's way of sizing a\n"
                      "segment after shm_open made it with size 0. Growing adds zeros that use no memory\n"
                      "until touched: compare size and allocated (st_blocks x 512) in the output.\n"
                      "With --hole it grows the screenplay's other way: lseek(SIZE-1) and write(1 byte).\n"
                      "Shortening a segment that other processes map (found in /proc/*/maps) is done\n"
                      "with a warning naming them: their next touch past the new end is a SIGBUS.",
                  .examples = {"ipcdemo shm resize demo 4K", "ipcdemo shm resize demo 1M --hole",
                               "ipcdemo shm resize demo 0"},
                  .options = {hole_option()},
                  .arguments = {name_argument(ObjectKind::shm),
                                {.name = "SIZE",
                                 .type = ValueType::size,
                                 .help = "The new size in bytes (suffixes K, M, G)"}},
                  .handler = resize,
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
                      "prints. The counter is the first 8 bytes, in the machine's byte order.\n"
                      "Holes are not read: lseek(SEEK_DATA/SEEK_HOLE) finds the bytes that hold data and\n"
                      "the zeros between fold into the '*' at once, so a sparse segment that claims a\n"
                      "terabyte dumps as fast as its data allows.\n\n"
                      "--json prints one object: name, size, offset, length, and extents, the bytes as\n"
                      "runs in order: {\"offset\":N,\"hex\":\"0300...\"} or, for a hole or 32 zero bytes\n"
                      "and more, {\"offset\":N,\"zeros\":N}.",
                  .examples = {"ipcdemo shm dump", "ipcdemo shm dump demo --offset 4K --length 64",
                               "ipcdemo shm dump --json | jq -c '.extents[]'"},
                  .options = {{.flags = "-o,--offset",
                               .type = ValueType::size,
                               .help = "Start this many bytes into the segment",
                               .default_value = "0"},
                              {.flags = "-l,--length",
                               .type = ValueType::size,
                               .help = "Print at most this many bytes (default: to the end)"},
                              json_option(
                                  "One JSON object: name, size, offset, the bytes in hex, and length")},
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
                      "A FIFO, socket or symbolic link planted under the name is removed too (never\n"
                      "opened or followed), and a warning says what it was; a directory is refused.\n"
                      "Without NAME the default segment is removed only when it is yours; another user's\n"
                      "must be named explicitly (exit 2 otherwise). Many at once: ipcdemo rm.",
                  .examples = {"ipcdemo shm unlink",
                               "ipcdemo shm unlink demo && ipcdemo sem unlink demo-lock"},
                  .arguments = {name_argument(ObjectKind::shm)},
                  .handler = unlink,
              },
          },
  };
  return group;
}

} // namespace ipcdemo::commands
