#include "showc/mq.hpp"

#include "mq/sample.hpp"
#include "showc/c_text.hpp"
#include "showc/program.hpp"

namespace ipcdemo::showc {

namespace {

// The C struct below is ipcdemo's sample, field for field.
static_assert(mq::sample_size == 24 && offsetof(mq::Sample, value) == 8 &&
              offsetof(mq::Sample, channel) == 16);

void add_name(Program& program, const std::string& name) {
  program.include({"fcntl.h", "mqueue.h", "stdio.h"});
  program.add("static const char name[] = {}; /* queue names start with '/' */\n\n", string_literal(name));
  add_fail_function(program);
}

void add_sample_struct(Program& program) {
  program.include({"stdint.h"});
  program.add(
      "/* One measurement sample, ipcdemo's layout: a flat struct (mq_send copies\n"
      " * bytes; a pointer would mean nothing to the receiver), 24 bytes, no padding. */\n"
      "struct sample {{\n"
      "    int64_t timestamp; /* CLOCK_REALTIME, nanoseconds since the epoch */\n"
      "    double value;\n"
      "    uint32_t channel;\n"
      "    uint32_t reserved; /* always 0 */\n"
      "}};\n"
      "_Static_assert(sizeof(struct sample) == 24, \"a sample is 24 bytes\");\n\n");
}

// mq_open of an existing queue, with O_NONBLOCK for --nonblock.
void add_open(Program& program, std::string_view access, const MqWaiting& waiting, std::string_view why) {
  program.add(
      "    /* {} */\n"
      "    mqd_t q = mq_open(name, {}{});\n"
      "    if (q == (mqd_t)-1) return fail(\"mq_open\");\n",
      waiting.nonblock ? fmt::format("{} O_NONBLOCK: never wait, fail with EAGAIN.", why) : std::string(why),
      access, waiting.nonblock ? " | O_NONBLOCK" : "");
}

// The loop head, or nothing for one message: returns the indent of the body.
std::string_view add_loop(Program& program, std::uint64_t count) {
  if (count == 1) return "    ";
  if (count == 0)
    program.add("    for (unsigned long long done = 0;; ++done) {{ /* until interrupted (Ctrl-C) */\n");
  else
    program.add("    for (unsigned long long done = 0; done < {}ull; ++done) {{\n", count);
  return "        ";
}

void add_loop_end(Program& program, std::uint64_t count) {
  if (count != 1) program.add("    }}\n");
}

// After a failed send or receive (`failed`): exit 3 when it would have waited, as ipcdemo does.
void add_failure(Program& program, std::string_view in, std::string_view failed, std::string_view call,
                 const MqWaiting& waiting, std::string_view full) {
  program.add("{}if ({}) {{\n", in, failed);
  if (waiting.nonblock || waiting.timeout) {
    program.include({"errno.h"});
    program.add(
        "{0}    if (errno == {1}) {{\n"
        "{0}        fprintf(stderr, \"%s {2}\\n\", name);\n"
        "{0}        return 3; /* as ipcdemo: {3} */\n"
        "{0}    }}\n",
        in, waiting.nonblock ? "EAGAIN" : "ETIMEDOUT",
        waiting.nonblock ? fmt::format("is {}: O_NONBLOCK does not wait", full)
                         : fmt::format("stayed {} until the deadline", full),
        waiting.nonblock ? "would block" : "timed out");
  }
  program.add(
      "{0}    return fail(\"{1}\");\n"
      "{0}}}\n",
      in, call);
}

// What a wait on a full or empty queue does, in the words of a comment; `until`
// says what ends a wait without a deadline.
std::string_view when_waiting(const MqWaiting& waiting, std::string_view until) {
  if (waiting.nonblock) return "it fails (EAGAIN)";
  if (waiting.timeout) return "it waits until the deadline (ETIMEDOUT)";
  return until;
}

} // namespace

std::string mq_create_program(const MqCreate& settings) {
  Program program("mq create", "-lrt");
  program.include({"errno.h", "string.h"});
  add_name(program, settings.name);
  program.add(
      "int main(void)\n{{\n"
      "    /* A queue's shape is fixed when it is made: how many messages it holds\n"
      "     * before a send blocks, and the largest message (a sample is 24 bytes). */\n"
      "    struct mq_attr attr;\n"
      "    memset(&attr, 0, sizeof attr);\n"
      "    attr.mq_maxmsg = {};\n"
      "    attr.mq_msgsize = {};\n"
      "    /* O_CREAT|O_EXCL: make it, or fail with EEXIST if the name is taken. */\n"
      "    mqd_t q = mq_open(name, O_CREAT | O_EXCL | O_RDONLY, {}, &attr);\n",
      count_literal(settings.maxmsg), count_literal(settings.msgsize), mode_literal(settings.mode));
  if (!settings.exclusive)
    program.add(
        "    if (q == (mqd_t)-1 && errno == EEXIST) {{\n"
        "        /* It exists: open it; it keeps its own maxmsg and msgsize. */\n"
        "        q = mq_open(name, O_RDONLY);\n"
        "        if (q != (mqd_t)-1) fprintf(stderr, \"%s exists: opened, not changed\\n\", name);\n"
        "    }}\n");
  program.add(
      "    /* EINVAL: above /proc/sys/fs/mqueue/msg_max or msgsize_max. */\n"
      "    if (q == (mqd_t)-1) return fail(\"mq_open\");\n"
      "    if (mq_getattr(q, &attr) == -1) return fail(\"mq_getattr\");\n"
      "    printf(\"maxmsg: %ld\\nmsgsize: %ld\\ncurmsgs: %ld\\n\", (long)attr.mq_maxmsg,\n"
      "           (long)attr.mq_msgsize, (long)attr.mq_curmsgs);\n"
      "    mq_close(q); /* the queue stays until mq_unlink */\n"
      "    return 0;\n"
      "}}\n");
  return program.text();
}

std::string mq_send_program(const MqSend& settings) {
  Program program("mq send", "-lrt");
  add_name(program, settings.name);
  if (settings.text)
    program.add("static const char text[] = {}; /* sent without its final 0 */\n\n",
                string_literal(*settings.text));
  else
    add_sample_struct(program);
  program.add("int main(void)\n{{\n");
  add_open(program, "O_WRONLY", settings.waiting, "O_WRONLY: we only send.");
  if (settings.interval.count() > 0 && settings.count != 1) {
    program.include({"time.h"});
    program.add("    const struct timespec interval = {}; /* --interval */\n",
                timespec_literal(settings.interval));
  }
  const std::string_view in = add_loop(program, settings.count);
  if (settings.interval.count() > 0 && settings.count != 1)
    program.add("{}if (done > 0) nanosleep(&interval, NULL);\n", in);
  std::string_view buffer = "text, sizeof text - 1";
  if (!settings.text) {
    program.include({"time.h"});
    program.add(
        "{0}struct timespec now; /* stamped as late as possible */\n"
        "{0}clock_gettime(CLOCK_REALTIME, &now);\n"
        "{0}struct sample s = {{\n"
        "{0}    .timestamp = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec,\n"
        "{0}    .value = {1},\n"
        "{0}    .channel = {2}u,\n"
        "{0}    .reserved = 0,\n"
        "{0}}};\n",
        in, double_literal(settings.value), settings.channel);
    buffer = "(const char *)&s, sizeof s";
  }
  program.add("{0}/* Priority {1}: higher ones are received first. On a full queue\n{0} * {2}. */\n", in,
              settings.priority, when_waiting(settings.waiting, "it waits until a receiver takes one"));
  if (settings.waiting.timeout) {
    program.include({"time.h"});
    program.add("{}", deadline_code(in, "deadline", "CLOCK_REALTIME", *settings.waiting.timeout));
    add_failure(program, in,
                fmt::format("mq_timedsend(q, {}, {}u, &deadline) == -1", buffer, settings.priority),
                "mq_timedsend", settings.waiting, "full");
  } else {
    add_failure(program, in, fmt::format("mq_send(q, {}, {}u) == -1", buffer, settings.priority), "mq_send",
                settings.waiting, "full");
  }
  add_loop_end(program, settings.count);
  program.add(
      "    mq_close(q);\n"
      "    return 0;\n"
      "}}\n");
  return program.text();
}

std::string mq_receive_program(const MqReceive& settings) {
  Program program("mq recv", "-lrt");
  program.include({"stdlib.h", "sys/types.h"});
  add_name(program, settings.name);
  if (!settings.raw) add_sample_struct(program);
  program.add("int main(void)\n{{\n");
  add_open(program, "O_RDONLY", settings.waiting, "O_RDONLY: we only receive.");
  program.add(
      "    /* The buffer must hold the queue's largest message (mq_msgsize): a smaller\n"
      "     * one fails with EMSGSIZE, even for a short message. */\n"
      "    struct mq_attr attr;\n"
      "    if (mq_getattr(q, &attr) == -1) return fail(\"mq_getattr\");\n"
      "    char *buffer = malloc((size_t)attr.mq_msgsize);\n"
      "    if (buffer == NULL) return fail(\"malloc\");\n");
  const std::string_view in = add_loop(program, settings.count);
  program.add(
      "{0}/* Takes the oldest message of the highest priority off the queue. On an\n"
      "{0} * empty queue {1}. */\n"
      "{0}unsigned prio = 0;\n",
      in, when_waiting(settings.waiting, "it waits until one arrives"));
  if (settings.waiting.timeout) {
    program.include({"time.h"});
    program.add("{}", deadline_code(in, "deadline", "CLOCK_REALTIME", *settings.waiting.timeout));
    program.add("{}ssize_t got = mq_timedreceive(q, buffer, (size_t)attr.mq_msgsize, &prio, &deadline);\n",
                in);
  } else {
    program.add("{}ssize_t got = mq_receive(q, buffer, (size_t)attr.mq_msgsize, &prio);\n", in);
  }
  add_failure(program, in, "got == -1", settings.waiting.timeout ? "mq_timedreceive" : "mq_receive",
              settings.waiting, "empty");
  if (!settings.raw) {
    program.include({"inttypes.h", "string.h"});
    program.add(
        "{0}if (got == (ssize_t)sizeof(struct sample)) {{\n"
        "{0}    struct sample s;\n"
        "{0}    memcpy(&s, buffer, sizeof s); /* the buffer need not be aligned for it */\n",
        in);
    if (settings.json)
      program.add(
          "{0}    printf(\"{{\\\"prio\\\":%u,\\\"channel\\\":%\" PRIu32 \",\\\"timestamp_ns\\\":%\" PRId64\n"
          "{0}           \",\\\"value\\\":%.17g}}\\n\", prio, s.channel, s.timestamp, s.value);\n",
          in);
    else
      program.add(
          "{0}    printf(\"prio: %u\\nchannel: %\" PRIu32 \"\\ntimestamp: %\" PRId64 \" ns\\nvalue: "
          "%.17g\\n\",\n"
          "{0}           prio, s.channel, s.timestamp, s.value);\n",
          in);
    program.add("{}}} else {{ /* not a sample: its length and bytes in hex */\n", in);
  } else {
    program.add("{}/* --raw: every message as its length and bytes in hex */\n", in);
  }
  const std::string inner = settings.raw ? std::string(in) : std::string(in) + "    ";
  program.add(
      "{0}printf(\"{1}\", prio, (long long)got);\n"
      "{0}for (ssize_t i = 0; i < got; ++i) printf(\"%02x\", (unsigned char)buffer[i]);\n"
      "{0}printf(\"{2}\\n\");\n",
      inner,
      settings.json ? "{\\\"prio\\\":%u,\\\"length\\\":%lld,\\\"hex\\\":\\\""
                    : "prio: %u\\nlength: %lld\\nhex: ",
      settings.json ? "\\\"}" : "");
  if (!settings.raw) program.add("{}}}\n", in);
  add_loop_end(program, settings.count);
  program.add(
      "    free(buffer);\n"
      "    mq_close(q);\n"
      "    return 0;\n"
      "}}\n");
  return program.text();
}

} // namespace ipcdemo::showc
