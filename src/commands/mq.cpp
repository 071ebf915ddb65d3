// SPDX-License-Identifier: MIT
// mq: the screenplay's last scene. Create a queue, produce measurement samples
// as flat C structs (src/mq/sample.hpp), consume them, see a receive block on an
// empty queue, look into the mqueue file system, and be told when a message arrives.
#include "commands/groups.hpp"

#include "base/error.hpp"
#include "base/escape.hpp"
#include "base/made.hpp"
#include "base/wrap.hpp"
#include "cli/invocation.hpp"
#include "commands/ipc_options.hpp"
#include "commands/shared_options.hpp"
#include "mq/info.hpp"
#include "mq/layout.hpp"
#include "mq/notify.hpp"
#include "mq/queue.hpp"
#include "mq/receive.hpp"
#include "mq/send.hpp"
#include "showc/mq.hpp"
#include "sys/terminal.hpp"

#include <vector>

namespace ipcdemo::commands {

namespace {

constexpr ObjectKind kind = ObjectKind::mq;

// --nonblock or --timeout, never both.
mq::Waiting waiting(const Invocation& invocation) {
  mq::Waiting waiting{.nonblock = invocation.flag("nonblock"), .timeout_text = invocation.text("timeout")};
  if (invocation.given("timeout")) waiting.timeout = invocation.duration("timeout");
  if (waiting.nonblock && waiting.timeout)
    throw UsageError("--nonblock and --timeout exclude each other",
                     "--nonblock never waits; --timeout waits at most DURATION");
  return waiting;
}

int create(const Invocation& invocation) {
  const std::string name = object_name(invocation, kind);
  const std::uint64_t maxmsg = invocation.count("maxmsg");
  const std::uint64_t msgsize = invocation.size("msgsize");
  const mode_t mode = invocation.mode("mode");
  const auto result = mq::create(
      name, {.maxmsg = maxmsg, .msgsize = msgsize, .mode = mode, .exclusive = invocation.flag("exclusive")});
  if (result.created) made::record(fmt::format("message queue {} was created", escape::visible(name)));
  if (!result.created) {
    std::vector<std::string> not_applied;
    for (const char* key : {"maxmsg", "msgsize", "mode"})
      if (invocation.given(key)) not_applied.push_back(fmt::format("--{} {}", key, invocation.text(key)));
    warn_existing("message queue", name, not_applied);
  }
  mq::report(name, result, mode);
  return exit_code::ok;
}

std::string create_in_c(const Invocation& invocation) {
  return showc::mq_create_program({.name = object_name(invocation, kind),
                                   .maxmsg = invocation.count("maxmsg"),
                                   .msgsize = invocation.size("msgsize"),
                                   .mode = invocation.mode("mode"),
                                   .exclusive = invocation.flag("exclusive")});
}

showc::MqWaiting waiting_in_c(const Invocation& invocation) {
  const mq::Waiting given = waiting(invocation);
  return {.nonblock = given.nonblock, .timeout = given.timeout};
}

int send(const Invocation& invocation) {
  mq::SendSettings settings{.priority = static_cast<unsigned>(invocation.count("prio")),
                            .channel = static_cast<std::uint32_t>(invocation.count("channel")),
                            .value = invocation.number("value"),
                            .count = invocation.count("count"),
                            .interval = invocation.duration("interval"),
                            .waiting = waiting(invocation)};
  if (invocation.given("text")) settings.text = invocation.text("text");
  mq::send(object_name(invocation, kind), settings);
  return exit_code::ok;
}

std::string send_in_c(const Invocation& invocation) {
  showc::MqSend settings{.name = object_name(invocation, kind),
                         .channel = static_cast<std::uint32_t>(invocation.count("channel")),
                         .value = invocation.number("value"),
                         .priority = static_cast<unsigned>(invocation.count("prio")),
                         .count = invocation.count("count"),
                         .interval = invocation.duration("interval"),
                         .waiting = waiting_in_c(invocation),
                         .text = {}};
  if (invocation.given("text")) settings.text = invocation.text("text");
  return showc::mq_send_program(settings);
}

int recv(const Invocation& invocation) {
  mq::receive(object_name(invocation, kind), {.count = invocation.count("count"),
                                              .waiting = waiting(invocation),
                                              .json = invocation.flag("json"),
                                              .raw = invocation.flag("raw")});
  return exit_code::ok;
}

std::string recv_in_c(const Invocation& invocation) {
  return showc::mq_receive_program({.name = object_name(invocation, kind),
                                    .count = invocation.count("count"),
                                    .waiting = waiting_in_c(invocation),
                                    .json = invocation.flag("json"),
                                    .raw = invocation.flag("raw")});
}

int notify(const Invocation& invocation) {
  mq::notify(object_name(invocation, kind),
             {.count = invocation.count("count"), .json = invocation.flag("json")});
  return exit_code::ok;
}

int info(const Invocation& invocation) {
  fmt::print("{}", mq::info(object_name(invocation, kind)));
  return exit_code::ok;
}

int unlink(const Invocation& invocation) {
  mq::unlink(unlink_name(invocation, kind));
  return exit_code::ok;
}

// The group.

int layout(const Invocation&) {
  // Filled to the terminal, 80 columns at most; the tables keep their columns.
  fmt::print("{}", reflow(mq::layout_lesson(), static_cast<std::size_t>(sys::prose_width())));
  return exit_code::ok;
}

} // namespace

GroupSpec mq_group() {
  static const GroupSpec group = {
      .name = "mq",
      .summary = "POSIX message queues: send and receive samples, info, notify",
      .description =
          "A POSIX message queue (mq_overview(7)) keeps whole messages, each with a priority, in the\n"
          "kernel under a name such as /meine-queue. The screenplay's last scene: create a queue,\n"
          "produce measurement samples as flat C structs, consume them, see a receive block on an\n"
          "empty queue, and look into the mqueue file system.\n"
          "A sample is 24 bytes in host byte order: int64 timestamp (CLOCK_REALTIME ns) at offset 0,\n"
          "double value at 8, uint32 channel at 16, uint32 reserved (0) at 20. ipcdemo-mq(1) gives\n"
          "the table a C program needs to exchange samples with these commands.",
      .commands =
          {
              {
                  .action = "create",
                  .summary = "Create a message queue for MAXMSG messages of MSGSIZE bytes",
                  .description =
                      "mq_open(NAME, O_CREAT, MODE, {mq_maxmsg, mq_msgsize}). The defaults fit the\n"
                      "screenplay: 10 messages of one sample (24 bytes) each.\n"
                      "Names must start with '/' (the screenplay's gotcha): a NAME without it is\n"
                      "accepted and the slash added. An existing queue is opened and keeps its own\n"
                      "attributes (a warning says so); --exclusive makes that an error instead.\n"
                      "The kernel limits queues: at most msg_max messages and msgsize_max bytes per\n"
                      "message (/proc/sys/fs/mqueue, EINVAL beyond), queues_max queues (ENOSPC), and\n"
                      "RLIMIT_MSGQUEUE bytes for all queues of a user (EMFILE, which does not mean\n"
                      "'too many open files' here). Without CAP_SYS_RESOURCE these apply to root too;\n"
                      "an error names the limit, its value and where it is set.",
                  .examples = {"ipcdemo mq create", "ipcdemo mq create /samples --maxmsg 5 --exclusive",
                               "ipcdemo mq create textq --msgsize 256 --mode 0666"},
                  .options =
                      {
                          {.flags = "--maxmsg",
                           .type = ValueType::count,
                           .help = "How many messages the queue holds before a send blocks (mq_maxmsg)",
                           .default_value = "10",
                           .min = 1,
                           .range_error = "{option} {value}: a queue holds at least 1 message"},
                          {.flags = "--msgsize",
                           .type = ValueType::size,
                           .help = "The largest message in bytes (mq_msgsize); the default is one sample",
                           .default_value = "24",
                           .min = 1,
                           .range_error = "{option} {value}: a message needs at least 1 byte"},
                          exclusive_option(),
                          mode_option(),
                      },
                  .arguments = {name_argument(ObjectKind::mq)},
                  .handler = create,
                  .show_c = create_in_c,
              },
              {
                  .action = "send",
                  .summary = "Send measurement samples (or text) to a queue",
                  .description =
                      "Opens the queue O_WRONLY and sends one sample {timestamp now, --value,\n"
                      "--channel} with priority --prio, as the screenplay's producer does; --count\n"
                      "sends a series, --interval apart, each stamped when it is sent.\n"
                      "On a full queue mq_send blocks until a receiver takes a message; --nonblock\n"
                      "(O_NONBLOCK, EAGAIN) and --timeout (mq_timedsend, ETIMEDOUT) end with exit 3\n"
                      "instead. Priorities go from 0 to MQ_PRIO_MAX-1 (32767 on Linux); higher ones\n"
                      "are received first. --text sends the bytes of TEXT instead of a sample; it\n"
                      "must fit the queue's msgsize.",
                  .examples = {"ipcdemo mq send", "ipcdemo mq send --channel 3 --value 21.5 --prio 5",
                               "ipcdemo mq send --count 100 --interval 10ms",
                               "ipcdemo mq send textq --text 'hello, queue'",
                               "ipcdemo mq send --nonblock || echo \"full: exit $?\""},
                  .options =
                      {
                          {.flags = "--channel",
                           .type = ValueType::count,
                           .help = "The sample's channel number (uint32)",
                           .default_value = "7",
                           .max = UINT32_MAX,
                           .range_error = "{option} {value}: the channel is a uint32, at most {max}"},
                          {.flags = "--value",
                           .type = ValueType::number,
                           .help = "The sample's measured value (a double)",
                           .default_value = "42.0"},
                          {.flags = "-p,--prio",
                           .type = ValueType::count,
                           .help = "Message priority, 0 to MQ_PRIO_MAX-1; higher is received first",
                           .default_value = "0",
                           .max = MQ_PRIO_MAX - 1,
                           .range_error =
                               "{option} {value}: priorities go from 0 to {max} (MQ_PRIO_MAX - 1 on "
                               "this system)"},
                          count_option("How many messages to send; 0 sends until interrupted", "1"),
                          interval_option("Pause between messages of a series", "0"),
                          nonblock_option("Do not wait on a full queue: fail with exit 3 (EAGAIN)"),
                          timeout_option("Wait at most DURATION per message on a full queue, then exit 3"),
                          {.flags = "--text",
                           .type = ValueType::text,
                           .help = "Send the bytes of this text instead of a sample"},
                      },
                  .arguments = {name_argument(ObjectKind::mq)},
                  .handler = send,
                  .show_c = send_in_c,
              },
              {
                  .action = "recv",
                  .summary = "Receive (and so remove) and print messages, waiting on an empty queue",
                  .description =
                      "Opens the queue O_RDONLY and receives COUNT messages, highest priority first\n"
                      "and in order of arrival within a priority. On an empty queue mq_receive blocks\n"
                      "until a message arrives (the screenplay's lesson; Ctrl-C ends it, exit 130);\n"
                      "--nonblock and --timeout end with exit 3 instead.\n"
                      "The receive buffer is as large as the queue's msgsize (from mq_getattr): a\n"
                      "smaller one fails with EMSGSIZE, even for short messages.\n"
                      "A receive takes the message off the queue: once received it is gone for every\n"
                      "other receiver, and if writing it out fails (a full disk) the error names it.\n"
                      "A 24-byte message is printed as a sample: prio, channel, timestamp (ISO 8601\n"
                      "UTC and the raw nanoseconds), value, and latency (receive time minus\n"
                      "timestamp). One that does not look like a sample (reserved not 0, a timestamp\n"
                      "neither plausible as nanoseconds nor as seconds since the epoch, a value not\n"
                      "finite) is shown as text or hex too, with a note, and a timestamp in seconds\n"
                      "(time(NULL)) is shown as such. Other messages are shown with their length, as\n"
                      "text when printable, else as hex; --raw shows every message that way.",
                  .examples = {"ipcdemo mq recv", "ipcdemo mq recv --count 0",
                               "ipcdemo mq recv --json --count 10 | jq .value",
                               "ipcdemo mq recv --timeout 2s"},
                  .options =
                      {
                          count_option("How many messages to receive; 0 receives until interrupted", "1"),
                          nonblock_option("Do not wait on an empty queue: fail with exit 3 (EAGAIN)"),
                          timeout_option("Wait at most DURATION per message on an empty queue, then exit 3"),
                          json_option("Print one JSON object per message, one per line (JSON Lines)"),
                          {.flags = "--raw",
                           .type = ValueType::flag,
                           .help = "Show every message as text or hex only, never decoded as a sample"},
                      },
                  .arguments = {name_argument(ObjectKind::mq)},
                  .handler = recv,
                  .show_c = recv_in_c,
              },
              {
                  .action = "info",
                  .summary = "Show a queue's attributes, owner, mode and mqueue file",
                  .description =
                      "Prints mq_getattr's flags, maxmsg, msgsize and curmsgs, the queue's mode and\n"
                      "owner (fstat on the queue descriptor), and, when the mqueue file system is\n"
                      "mounted (found in /proc/self/mounts), the queue's file there: QSIZE (bytes of\n"
                      "messages queued), NOTIFY, SIGNO and NOTIFY_PID. When it is not mounted, a child\n"
                      "process mounts it in a mount namespace of its own (unshare(CLONE_NEWNS), needs\n"
                      "root) on /dev/mqueue and hands the directory back before it exits; the file is\n"
                      "read through that descriptor, and nothing is mounted on the host.\n"
                      "Where that is not allowed, it says why, and how to mount it.\n"
                      "flags belong to the descriptor, not to the queue: this command's own descriptor\n"
                      "is blocking, so they show 0.",
                  .examples = {"ipcdemo mq info", "ipcdemo -v mq info /samples"},
                  .arguments = {name_argument(ObjectKind::mq)},
                  .handler = info,
              },
              {
                  .action = "unlink",
                  .summary = "Remove a queue's name",
                  .description =
                      "mq_unlink(NAME): the name is gone at once; the queue itself, with its\n"
                      "messages, lives on until the last process that has it open closes it.\n"
                      "Without NAME the default queue is removed only when it is yours; another user's\n"
                      "must be named explicitly (exit 2 otherwise). Many at once: ipcdemo rm.",
                  .examples = {"ipcdemo mq unlink", "ipcdemo mq unlink /samples"},
                  .arguments = {name_argument(ObjectKind::mq)},
                  .handler = unlink,
              },
              {
                  .action = "notify",
                  .summary = "Wait for mq_notify to report a message arriving on an empty queue",
                  .description =
                      "Registers with mq_notify (SIGEV_SIGNAL), waits for the signal, then receives and\n"
                      "prints what arrived like recv, and registers again while --count allows.\n"
                      "The rules of mq_notify, which this command shows:\n"
                      "- it fires only when a message arrives on an EMPTY queue; a queue that already\n"
                      "  holds messages stays silent until it has been emptied;\n"
                      "- it does not fire while another process is blocked in mq_receive on the\n"
                      "  queue: that process gets the message instead;\n"
                      "- one process per queue can be registered: a second gets EBUSY (this command\n"
                      "  names the holder from NOTIFY_PID when the mqueue file system is mounted);\n"
                      "- a registration fires once and is then removed: it must be renewed;\n"
                      "- it lasts only while the registering process keeps the queue open.",
                  .examples = {"ipcdemo mq notify", "ipcdemo mq notify --count 0 --json"},
                  .options =
                      {
                          count_option("How many messages to wait for; 0 waits until interrupted", "1"),
                          json_option("Print one JSON object per message, one per line (JSON Lines)"),
                      },
                  .arguments = {name_argument(ObjectKind::mq)},
                  .handler = notify,
              },
              {
                  .action = "layout",
                  .summary = "Show how a message struct is laid out: offsets, sizes, padding",
                  .description =
                      "Prints, field by field with the padding between, the screenplay's own struct msg\n"
                      "(int channel, time_t timestamp, double value) as the compiler lays it out on this\n"
                      "machine, the same fields largest first, and ipcdemo's 24-byte sample; the numbers\n"
                      "are offsetof, sizeof and alignof of identical structs compiled into ipcdemo. Then\n"
                      "why sizeof is more than the fields' sum, and why a message must be a flat struct:\n"
                      "mq_send copies bytes, and a pointer means nothing in another address space.",
                  .examples = {"ipcdemo mq layout"},
                  .handler = layout,
              },
          },
  };
  return group;
}

} // namespace ipcdemo::commands
