// mq: the screenplay's last scene. Create a queue, produce measurement samples
// as flat C structs (src/mq/sample.hpp), consume them, see a receive block on an
// empty queue, look into the mqueue file system, and be told when a message arrives.
#include "commands/groups.hpp"

#include "ipc/owner.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "base/output.hpp"
#include "base/signals.hpp"
#include "cli/invocation.hpp"
#include "commands/ipc_options.hpp"
#include "ipc/mqueue_fs.hpp"
#include "mq/limits.hpp"
#include "mq/message_format.hpp"
#include "mq/sample.hpp"
#include "mq/wait_note.hpp"
#include "sys/message_queue.hpp"
#include "sys/narrate.hpp"

#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <pwd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <fstream>
#include <vector>

namespace ipcdemo::commands {

namespace {

constexpr ObjectKind kind = ObjectKind::mq;

std::int64_t realtime_ns() {
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// An absolute CLOCK_REALTIME deadline `timeout` from now, as mq_timed* want it.
timespec deadline_after(std::chrono::nanoseconds timeout) {
  const std::int64_t at = realtime_ns() + timeout.count();
  return {static_cast<time_t>(at / 1'000'000'000), static_cast<long>(at % 1'000'000'000)};
}

// Opens an existing queue, explaining the usual failures.
sys::Queue open_queue(const std::string& name, int flags) {
  try {
    return sys::Queue::open(name, flags);
  } catch (const SysError& error) {
    if (error.err() == ENOENT)
      throw SysError(error.call(), name, ENOENT, fmt::format("create it first: ipcdemo mq create {}", name));
    if (error.err() == EACCES)
      throw SysError(error.call(), name, EACCES,
                     fmt::format("its mode does not let this user {} it (see its owner and mode with "
                                 "'ipcdemo mq info {}')",
                                 (flags & O_ACCMODE) == O_WRONLY ? "send to" : "receive from", name));
    throw;
  }
}

void require_one_wait_mode(const Invocation& invocation) {
  if (invocation.flag("nonblock") && invocation.given("timeout"))
    throw UsageError("--nonblock and --timeout exclude each other",
                     "--nonblock never waits; --timeout waits at most DURATION");
}

// ---- create -----------------------------------------------------------------

int create(const Invocation& invocation) {
  const std::string name = object_name(invocation, kind);
  const std::uint64_t maxmsg = invocation.count("maxmsg");
  const std::uint64_t msgsize = invocation.size("msgsize");
  if (maxmsg == 0) throw UsageError("--maxmsg 0: a queue holds at least 1 message");
  if (msgsize == 0) throw UsageError("--msgsize 0: a message needs at least 1 byte");
  // Anything this large is refused by the kernel anyway; keep it in the range of long.
  const long n = static_cast<long>(std::min<std::uint64_t>(maxmsg, INT_MAX));
  const long size = static_cast<long>(std::min<std::uint64_t>(msgsize, INT_MAX));
  const mode_t mode = invocation.mode("mode");

  bool created = false;
  sys::Queue queue;
  try {
    queue = sys::Queue::create(name, O_RDONLY | (create_flags(invocation) & O_EXCL), mode, n, size, &created);
  } catch (const SysError& error) {
    std::string hint = mq::explain_create_error(error.err(), n, size, mq::read_limits());
    if (error.err() == EEXIST)
      hint = fmt::format("--exclusive asks for a new queue; remove the old one with 'ipcdemo mq unlink {}'",
                         name);
    if (error.err() == EACCES)
      hint = fmt::format(
          "the queue exists and its mode does not let this user open it ('ipcdemo mq info {}' "
          "as its owner)",
          name);
    throw SysError(error.call(), error.object(), error.err(), hint);
  }
  const mq_attr attr = queue.attributes();
  if (created) {
    log::info("created message queue {}: maxmsg {}, msgsize {} bytes, mode {} (before the umask)", name,
              attr.mq_maxmsg, attr.mq_msgsize, narrate::octal(mode));
  } else {
    std::vector<std::string> not_applied;
    for (const char* key : {"maxmsg", "msgsize"})
      if (invocation.given(key)) not_applied.push_back(fmt::format("--{} {}", key, invocation.text(key)));
    if (invocation.given("mode")) not_applied.push_back(fmt::format("--mode {}", invocation.text("mode")));
    warn_existing("message queue", name, not_applied);
    log::info("message queue {} has maxmsg {}, msgsize {} bytes", name, attr.mq_maxmsg, attr.mq_msgsize);
  }
  if (attr.mq_msgsize < static_cast<long>(mq::sample_size))
    log::warn("msgsize {} is smaller than a sample ({} bytes): only 'mq send --text' fits", attr.mq_msgsize,
              mq::sample_size);
  return exit_code::ok;
}

// ---- send -------------------------------------------------------------------

// Sleeps until `next` on CLOCK_MONOTONIC, so that a series keeps its pace.
void sleep_until(const timespec& next) {
  while (const int rc = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, nullptr)) {
    if (rc != EINTR) return;
    signals::throw_if_interrupted();
  }
}

timespec monotonic_plus(const timespec& start, std::int64_t ns) {
  const std::int64_t at = static_cast<std::int64_t>(start.tv_sec) * 1'000'000'000 + start.tv_nsec + ns;
  return {static_cast<time_t>(at / 1'000'000'000), static_cast<long>(at % 1'000'000'000)};
}

int send(const Invocation& invocation) {
  require_one_wait_mode(invocation);
  const std::string name = object_name(invocation, kind);
  const std::uint64_t prio = invocation.count("prio");
  const long prio_max = sysconf(_SC_MQ_PRIO_MAX);
  if (prio_max > 0 && prio >= static_cast<std::uint64_t>(prio_max))
    throw UsageError(fmt::format("--prio {}: priorities go from 0 to {} (MQ_PRIO_MAX - 1 on this system)",
                                 prio, prio_max - 1));
  const std::uint64_t channel = invocation.count("channel");
  if (channel > UINT32_MAX)
    throw UsageError(fmt::format("--channel {}: the channel is a uint32, at most {}", channel, UINT32_MAX));
  const double value = invocation.number("value");
  const std::uint64_t count = invocation.count("count");
  const auto interval = invocation.duration("interval");
  const bool nonblock = invocation.flag("nonblock");
  const bool timed = invocation.given("timeout");
  const auto timeout = timed ? invocation.duration("timeout") : std::chrono::nanoseconds{};
  const bool text = invocation.given("text");
  const std::string payload = invocation.text("text");

  const sys::Queue queue = open_queue(name, O_WRONLY | (nonblock ? O_NONBLOCK : 0));
  const mq_attr attr = queue.attributes();
  if (text && payload.size() > static_cast<std::size_t>(attr.mq_msgsize))
    throw UsageError(
        fmt::format("--text is {} bytes, but the messages of {} hold at most {} (its msgsize)",
                    payload.size(), name, attr.mq_msgsize),
        "mq_send would fail with EMSGSIZE; shorten it, or use a queue created with a larger --msgsize");
  if (!text && attr.mq_msgsize < static_cast<long>(mq::sample_size))
    throw UsageError(
        fmt::format("a sample is {} bytes, but the messages of {} hold at most {} (its msgsize)",
                    mq::sample_size, name, attr.mq_msgsize),
        "mq_send would fail with EMSGSIZE; send --text, or create a queue with --msgsize 24 or more");

  timespec start{};
  clock_gettime(CLOCK_MONOTONIC, &start);
  std::uint64_t sent = 0;
  const mq::SendProgress progress(name, count, sent);
  bool said_waiting = false;
  for (; count == 0 || sent < count; ++sent) {
    if (sent > 0 && interval.count() > 0)
      sleep_until(monotonic_plus(start, static_cast<std::int64_t>(sent) * interval.count()));
    signals::throw_if_interrupted();
    mq::SampleBytes sample_bytes{};
    std::span<const std::byte> message;
    if (text) {
      message = std::as_bytes(std::span(payload.data(), payload.size()));
    } else {
      // The timestamp is taken at each send, as late as possible.
      sample_bytes = mq::encode({.timestamp = realtime_ns(),
                                 .value = value,
                                 .channel = static_cast<std::uint32_t>(channel),
                                 .reserved = 0});
      message = sample_bytes;
    }
    // A full queue is likely once as many were sent as it had room for.
    if (!nonblock && !said_waiting && attr.mq_curmsgs + static_cast<long>(sent) >= attr.mq_maxmsg)
      said_waiting = mq::note_if_full(queue, name, timed ? invocation.text("timeout") : "");
    const timespec deadline = timed ? deadline_after(timeout) : timespec{};
    int err = 0;
    if (!queue.send(message, static_cast<unsigned>(prio), timed ? &deadline : nullptr, &err)) {
      const std::string done = sent > 0 ? fmt::format(" (after sending {})", sent) : std::string();
      if (err == EAGAIN)
        throw WouldBlock(
            fmt::format("mq_send {}: the queue is full ({} messages) and --nonblock was given (EAGAIN){}",
                        name, attr.mq_maxmsg, done),
            "without --nonblock, mq_send waits until a receiver takes a message");
      throw WouldBlock(fmt::format("mq_timedsend {}: the queue stayed full ({} messages) for --timeout {} "
                                   "(ETIMEDOUT){}",
                                   name, attr.mq_maxmsg, invocation.text("timeout"), done),
                       "a receiver must take messages: ipcdemo mq recv " + name);
    }
  }
  if (text)
    log::info("sent {} text message{} of {} bytes to {} with priority {}", sent, sent == 1 ? "" : "s",
              payload.size(), name, prio);
  else
    log::info("sent {} sample{} (channel {}, value {}) to {} with priority {}", sent, sent == 1 ? "" : "s",
              channel, value, name, prio);
  return exit_code::ok;
}

// ---- recv and notify: printing --------------------------------------------

// Prints received messages. Output goes through one buffer; it is flushed after
// every message when someone may be watching (a terminal, a pipe), and only when
// full when it goes to a file or /dev/null.
class Printer {
 public:
  explicit Printer(bool json) : json_(json) {
    struct stat info {};
    const bool known = ::fstat(STDOUT_FILENO, &info) == 0;
    const bool quiet_sink =
        known && (S_ISREG(info.st_mode) || (S_ISCHR(info.st_mode) && !isatty(STDOUT_FILENO)));
    flush_each_ = !quiet_sink;
  }
  Printer(const Printer&) = delete;
  Printer& operator=(const Printer&) = delete;
  // When a signal or an error ends the command, what was received is still
  // handed to stdio, which dispatch flushes before it exits.
  ~Printer() {
    if (buffer_.size() > 0) std::fwrite(buffer_.data(), 1, buffer_.size(), stdout);
  }

  void print(std::span<const std::byte> bytes, unsigned priority) {
    const mq::ReceivedMessage message{bytes, priority, realtime_ns()};
    if (json_)
      mq::append_json(buffer_, message);
    else
      mq::append_text(buffer_, message, printed_ == 0);
    ++printed_;
    if (flush_each_ || buffer_.size() >= 1 << 16) flush();
  }

  void flush() {
    if (buffer_.size() > 0) {
      const std::size_t written = std::fwrite(buffer_.data(), 1, buffer_.size(), stdout);
      buffer_.clear();
      if (written == 0) output::finish(); // reports the write error (EPIPE: ends quietly)
    }
    if (flush_each_ && std::fflush(stdout) != 0) output::finish();
  }

  std::uint64_t printed() const { return printed_; }

 private:
  bool json_;
  bool flush_each_ = true;
  fmt::memory_buffer buffer_;
  std::uint64_t printed_ = 0;
};

// ---- recv -------------------------------------------------------------------

int recv(const Invocation& invocation) {
  require_one_wait_mode(invocation);
  const std::string name = object_name(invocation, kind);
  const std::uint64_t count = invocation.count("count");
  const bool nonblock = invocation.flag("nonblock");
  const bool timed = invocation.given("timeout");
  const auto timeout = timed ? invocation.duration("timeout") : std::chrono::nanoseconds{};

  const sys::Queue queue = open_queue(name, O_RDONLY | (nonblock ? O_NONBLOCK : 0));
  // The buffer must hold the queue's msgsize, whatever the messages are: a smaller
  // one makes mq_receive fail with EMSGSIZE even for a short message.
  const mq_attr attr = queue.attributes();
  std::vector<std::byte> buffer(static_cast<std::size_t>(attr.mq_msgsize));
  Printer printer(invocation.flag("json"));
  bool said_waiting = false;
  for (std::uint64_t received = 0; count == 0 || received < count; ++received) {
    // An empty queue is likely once as many were received as it held.
    if (!nonblock && !said_waiting && attr.mq_curmsgs <= static_cast<long>(received))
      said_waiting = mq::note_if_empty(queue, name, timed ? invocation.text("timeout") : "");
    const timespec deadline = timed ? deadline_after(timeout) : timespec{};
    int err = 0;
    const auto got = queue.receive(buffer, timed ? &deadline : nullptr, &err);
    if (!got) {
      printer.flush();
      const std::string done = received > 0 ? fmt::format(" (after receiving {})", received) : std::string();
      if (err == EAGAIN)
        throw WouldBlock(
            fmt::format("mq_receive {}: the queue is empty and --nonblock was given (EAGAIN){}", name, done),
            "without --nonblock, mq_receive waits until a message arrives");
      throw WouldBlock(fmt::format("mq_timedreceive {}: no message arrived within --timeout {} (ETIMEDOUT){}",
                                   name, invocation.text("timeout"), done),
                       "a sender must send one: ipcdemo mq send " + name);
    }
    printer.print(std::span(buffer).first(got->length), got->priority);
  }
  printer.flush();
  return exit_code::ok;
}

// ---- notify -----------------------------------------------------------------

std::string process_name(pid_t pid) {
  std::ifstream in(fmt::format("/proc/{}/comm", pid));
  std::string comm;
  std::getline(in, comm);
  return comm.empty() ? std::string() : fmt::format(" ({})", comm);
}

// Who holds the notification registration, for the EBUSY hint.
std::string busy_hint(const std::string& name) {
  const std::string rule =
      "only one process per queue can be registered; it stays registered until it is "
      "notified, deregisters or closes the queue";
  const auto mount = mq::mqueue_mount_point();
  if (!mount)
    return fmt::format("{}; to see which process holds it, mount the mqueue file system (as root): {}", rule,
                       mq::mount_command);
  const auto file = mq::read_queue_file(*mount, name);
  if (!file || !file->notify_pid || *file->notify_pid == 0) return rule;
  return fmt::format("process {}{} is registered (NOTIFY_PID in {}{}); {}", *file->notify_pid,
                     process_name(*file->notify_pid), *mount, name, rule);
}

// Blocks the notification signal for as long as the command runs, so that it is
// taken with sigwaitinfo instead of running a handler.
class BlockedSignal {
 public:
  explicit BlockedSignal(int signo) {
    sigemptyset(&set_);
    sigaddset(&set_, signo);
    pthread_sigmask(SIG_BLOCK, &set_, &old_);
  }
  BlockedSignal(const BlockedSignal&) = delete;
  BlockedSignal& operator=(const BlockedSignal&) = delete;
  ~BlockedSignal() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }

  // Waits for the signal; SIGINT/SIGTERM end the wait with Interrupted.
  siginfo_t wait() const {
    for (;;) {
      siginfo_t info{};
      if (sigwaitinfo(&set_, &info) > 0) return info;
      if (errno != EINTR) throw SysError("sigwaitinfo", "", errno);
      signals::throw_if_interrupted();
    }
  }

 private:
  sigset_t set_{};
  sigset_t old_{};
};

void register_notification(const sys::Queue& queue, const sigevent& event) {
  try {
    queue.notify(&event);
  } catch (const SysError& error) {
    if (error.err() == EBUSY) throw SysError(error.call(), error.object(), EBUSY, busy_hint(queue.name()));
    throw;
  }
}

int notify(const Invocation& invocation) {
  const std::string name = object_name(invocation, kind);
  const std::uint64_t count = invocation.count("count");
  // Non-blocking: after a notification the queue is drained without ever waiting,
  // since another receiver may have taken the message first.
  const sys::Queue queue = open_queue(name, O_RDONLY | O_NONBLOCK);
  const mq_attr attr = queue.attributes();
  std::vector<std::byte> buffer(static_cast<std::size_t>(attr.mq_msgsize));
  if (attr.mq_curmsgs > 0)
    log::warn(
        "{} already holds {} message{}: notification only fires when an empty queue gets one, so nothing "
        "comes until it has been emptied (ipcdemo mq recv {} --count {}) and a message arrives",
        name, attr.mq_curmsgs, attr.mq_curmsgs == 1 ? "" : "s", name, attr.mq_curmsgs);

  const int signo = SIGRTMIN;
  const BlockedSignal blocked(signo);
  sigevent event{};
  event.sigev_notify = SIGEV_SIGNAL;
  event.sigev_signo = signo;
  register_notification(queue, event);
  log::info("registered for notification on {}; waiting for a message to arrive on the empty queue", name);

  Printer printer(invocation.flag("json"));
  while (count == 0 || printer.printed() < count) {
    const siginfo_t info = blocked.wait();
    log::info("notified: a message arrived on {} (sent by PID {}, uid {})", name, info.si_pid, info.si_uid);
    // The registration is used up: register again before draining, so that a
    // message arriving after the drain is not missed.
    if (count == 0 || printer.printed() + 1 < count) register_notification(queue, event);
    while (count == 0 || printer.printed() < count) {
      const auto got = queue.receive(buffer);
      if (!got) break; // empty again (or another receiver was quicker)
      printer.print(std::span(buffer).first(got->length), got->priority);
    }
  }
  printer.flush();
  return exit_code::ok;
}

// ---- info -------------------------------------------------------------------

int info(const Invocation& invocation) {
  const std::string name = object_name(invocation, kind);
  sys::Queue queue;
  try {
    queue = sys::Queue::open(name, O_RDONLY);
  } catch (const SysError& error) {
    if (error.err() != EACCES) throw;
    queue = open_queue(name, O_WRONLY); // attributes need either direction
  }
  const mq_attr attr = queue.attributes();
  const struct stat status = queue.status();
  std::string out = fmt::format(
      "name: {}\nflags: {}\nmaxmsg: {}\nmsgsize: {}\ncurmsgs: {}\nmode: {}\nowner: {} (uid {})\ngroup: {} "
      "(gid {})\n",
      name, (attr.mq_flags & O_NONBLOCK) != 0 ? "O_NONBLOCK" : "0", attr.mq_maxmsg, attr.mq_msgsize,
      attr.mq_curmsgs, narrate::octal(status.st_mode & 07777), user_name(status.st_uid), status.st_uid,
      group_name(status.st_gid), status.st_gid);
  if (const auto mount = mq::mqueue_mount_point()) {
    const auto file = mq::read_queue_file(*mount, name);
    out += fmt::format("mqueue file: {}{}: {}\n", *mount, name, file ? file->text : "(unreadable)");
  } else {
    out +=
        fmt::format("mqueue file: not mounted; to look into the queues (as root): {}\n", mq::mount_command);
  }
  fmt::print("{}", out);
  return exit_code::ok;
}

// ---- unlink -----------------------------------------------------------------

int unlink(const Invocation& invocation) {
  const std::string name = object_name(invocation, kind);
  try {
    sys::Queue::unlink(name);
  } catch (const SysError& error) {
    if (error.err() == ENOENT)
      throw SysError(error.call(), name, ENOENT,
                     "there is no message queue of that name (already unlinked?)");
    throw;
  }
  log::info(
      "unlinked {}: the name is gone; processes that have the queue open keep using it until they close it",
      name);
  return exit_code::ok;
}

// ---- the group --------------------------------------------------------------

OptionSpec nonblock_option(std::string_view help) {
  return {.flags = "--nonblock", .type = ValueType::flag, .help = help};
}

OptionSpec timeout_option(std::string_view help) {
  return {.flags = "-t,--timeout", .type = ValueType::duration, .help = help};
}

OptionSpec json_option() {
  return {.flags = "-j,--json",
          .type = ValueType::flag,
          .help = "Print one JSON object per message, one per line (JSON Lines)"};
}

} // namespace

GroupSpec mq_group() {
  return {
      .name = "mq",
      .summary = "POSIX message queues: create, send and receive samples, info, unlink, notify",
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
                           .default_value = "10"},
                          {.flags = "--msgsize",
                           .type = ValueType::size,
                           .help = "The largest message in bytes (mq_msgsize); the default is one sample",
                           .default_value = "24"},
                          exclusive_option(),
                          mode_option(),
                      },
                  .arguments = {name_argument(ObjectKind::mq)},
                  .handler = create,
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
                           .default_value = "7"},
                          {.flags = "--value",
                           .type = ValueType::number,
                           .help = "The sample's measured value (a double)",
                           .default_value = "42.0"},
                          {.flags = "-p,--prio",
                           .type = ValueType::count,
                           .help = "Message priority, 0 to MQ_PRIO_MAX-1; higher is received first",
                           .default_value = "0"},
                          {.flags = "-c,--count",
                           .type = ValueType::count,
                           .help = "How many messages to send; 0 sends until interrupted",
                           .default_value = "1"},
                          {.flags = "-i,--interval",
                           .type = ValueType::duration,
                           .help = "Pause between messages of a series",
                           .default_value = "0"},
                          nonblock_option("Do not wait on a full queue: fail with exit 3 (EAGAIN)"),
                          timeout_option("Wait at most DURATION per message on a full queue, then exit 3"),
                          {.flags = "--text",
                           .type = ValueType::text,
                           .help = "Send the bytes of this text instead of a sample"},
                      },
                  .arguments = {name_argument(ObjectKind::mq)},
                  .handler = send,
              },
              {
                  .action = "recv",
                  .summary = "Receive and print messages, waiting on an empty queue",
                  .description =
                      "Opens the queue O_RDONLY and receives COUNT messages, highest priority first\n"
                      "and in order of arrival within a priority. On an empty queue mq_receive blocks\n"
                      "until a message arrives (the screenplay's lesson; Ctrl-C ends it, exit 130);\n"
                      "--nonblock and --timeout end with exit 3 instead.\n"
                      "The receive buffer is as large as the queue's msgsize (from mq_getattr): a\n"
                      "smaller one fails with EMSGSIZE, even for short messages.\n"
                      "A 24-byte message is printed as a sample: prio, channel, timestamp (ISO 8601\n"
                      "UTC and the raw nanoseconds), value, and latency (receive time minus\n"
                      "timestamp). Other messages are shown with their length, as text when\n"
                      "printable, else as hex.",
                  .examples = {"ipcdemo mq recv", "ipcdemo mq recv --count 0",
                               "ipcdemo mq recv --json --count 10 | jq .value",
                               "ipcdemo mq recv --timeout 2s"},
                  .options =
                      {
                          {.flags = "-c,--count",
                           .type = ValueType::count,
                           .help = "How many messages to receive; 0 receives until interrupted",
                           .default_value = "1"},
                          nonblock_option("Do not wait on an empty queue: fail with exit 3 (EAGAIN)"),
                          timeout_option("Wait at most DURATION per message on an empty queue, then exit 3"),
                          json_option(),
                      },
                  .arguments = {name_argument(ObjectKind::mq)},
                  .handler = recv,
              },
              {
                  .action = "info",
                  .summary = "Show a queue's attributes, owner, mode and mqueue file",
                  .description =
                      "Prints mq_getattr's flags, maxmsg, msgsize and curmsgs, the queue's mode and\n"
                      "owner (fstat on the queue descriptor), and, when the mqueue file system is\n"
                      "mounted (found in /proc/self/mounts), the queue's file there: QSIZE (bytes of\n"
                      "messages queued), NOTIFY, SIGNO and NOTIFY_PID. When it is not mounted, it says\n"
                      "how to mount it. flags belong to the descriptor, not to the queue: this\n"
                      "command's own descriptor is blocking, so they show 0.",
                  .examples = {"ipcdemo mq info", "ipcdemo -v mq info /samples"},
                  .arguments = {name_argument(ObjectKind::mq)},
                  .handler = info,
              },
              {
                  .action = "unlink",
                  .summary = "Remove a queue's name",
                  .description = "mq_unlink(NAME): the name is gone at once; the queue itself, with its\n"
                                 "messages, lives on until the last process that has it open closes it.",
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
                          {.flags = "-c,--count",
                           .type = ValueType::count,
                           .help = "How many messages to wait for; 0 waits until interrupted",
                           .default_value = "1"},
                          json_option(),
                      },
                  .arguments = {name_argument(ObjectKind::mq)},
                  .handler = notify,
              },
          },
  };
}

} // namespace ipcdemo::commands
