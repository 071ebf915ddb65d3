#include "showc/sem.hpp"

#include "showc/c_text.hpp"
#include "showc/program.hpp"

namespace ipcdemo::showc {

namespace {

void add_name(Program& program, const std::string& name) {
  program.include({"fcntl.h", "semaphore.h", "stdio.h"});
  program.add("static const char name[] = {}; /* its file: /dev/shm/sem.NAME */\n\n", string_literal(name));
  add_fail_function(program);
}

// sem_open of an existing semaphore, in main.
void add_open(Program& program) {
  program.add(
      "    /* 0: open it, never create it. glibc opens /dev/shm/sem.NAME and maps\n"
      "     * its 32 bytes: waits and posts are atomic operations on that memory. */\n"
      "    sem_t *sem = sem_open(name, 0);\n"
      "    if (sem == SEM_FAILED) return fail(\"sem_open\");\n");
}

} // namespace

std::string sem_create_program(const SemCreate& settings) {
  Program program("sem create", "-pthread");
  program.include({"errno.h"});
  add_name(program, settings.name);
  program.add(
      "int main(void)\n{{\n"
      "    /* O_CREAT|O_EXCL: make it, or fail with EEXIST if the name is taken. The\n"
      "     * value is where it starts: that many waits return at once. */\n"
      "    sem_t *sem = sem_open(name, O_CREAT | O_EXCL, {}, {}u);\n",
      mode_literal(settings.mode), settings.value);
  if (!settings.exclusive)
    program.add(
        "    if (sem == SEM_FAILED && errno == EEXIST) {{\n"
        "        /* It exists: open it as it is, with the value it has. */\n"
        "        sem = sem_open(name, 0);\n"
        "        if (sem != SEM_FAILED) fprintf(stderr, \"%s exists: opened, not changed\\n\", name);\n"
        "    }}\n");
  program.add(
      "    if (sem == SEM_FAILED) return fail(\"sem_open\");\n"
      "    int value = 0;\n"
      "    if (sem_getvalue(sem, &value) == -1) return fail(\"sem_getvalue\");\n"
      "    /* It is a file of 32 bytes: ls -l /dev/shm */\n"
      "    printf(\"path: /dev/shm/sem.%s\\nvalue: %d\\n\", name + 1, value);\n"
      "    sem_close(sem);\n"
      "    return 0;\n"
      "}}\n");
  return program.text();
}

std::string sem_wait_program(const SemWait& settings) {
  Program program("sem wait", "-pthread");
  add_name(program, settings.name);
  const bool spin = settings.spin.count() > 0 && !settings.try_only;
  if (spin) {
    program.include({"errno.h", "time.h"});
    program.add(
        "/* Retries sem_trywait until `until` (CLOCK_MONOTONIC): a post from another\n"
        " * CPU is seen at once, without the kernel's sleep and wake-up. 0 or -1. */\n"
        "static int spin(sem_t *sem, const struct timespec *until)\n{{\n"
        "    struct timespec now;\n"
        "    do {{\n"
        "        if (sem_trywait(sem) == 0) return 0;\n"
        "        if (errno != EAGAIN) return -1;\n"
        "        clock_gettime(CLOCK_MONOTONIC, &now);\n"
        "    }} while (now.tv_sec < until->tv_sec ||\n"
        "             (now.tv_sec == until->tv_sec && now.tv_nsec < until->tv_nsec));\n"
        "    return -1;\n"
        "}}\n\n");
  }
  program.add("int main(void)\n{{\n");
  add_open(program);
  if (settings.timeout) {
    program.include({"errno.h", "time.h"});
    program.add(
        "    /* One deadline for all the waits. sem_timedwait takes an absolute time on\n"
        "     * CLOCK_REALTIME (ipcdemo uses glibc's sem_clockwait on CLOCK_MONOTONIC,\n"
        "     * which a change of the wall clock does not move). */\n");
    program.add("{}", deadline_code("    ", "deadline", "CLOCK_REALTIME", *settings.timeout));
  }
  // One wait is the body of main; more are a loop.
  const bool loop = settings.count != 1;
  const std::string_view in = loop ? "        " : "    ";
  const std::string_view done = loop ? " (%llu done)\\n\", name, done" : "\\n\", name";
  if (loop) program.add("    for (unsigned long long done = 0; done < {}ull; ++done) {{\n", settings.count);
  if (spin)
    program.add("{0}{1}{0}if (spin(sem, &until) == -1) {{ /* not taken while spinning: block */\n", in,
                deadline_code(in, "until", "CLOCK_MONOTONIC", settings.spin));
  const std::string body_in = spin ? std::string(in) + "    " : std::string(in);
  if (settings.try_only)
    program.add(
        "{0}/* Never blocks: at 0 it fails with EAGAIN. */\n"
        "{0}if (sem_trywait(sem) == -1) {{\n"
        "{0}    if (errno == EAGAIN) {{\n"
        "{0}        fprintf(stderr, \"%s is 0: a wait would block{1});\n"
        "{0}        return 3; /* as ipcdemo: would block */\n"
        "{0}    }}\n"
        "{0}    return fail(\"sem_trywait\");\n"
        "{0}}}\n",
        body_in, done);
  else if (settings.timeout)
    program.add(
        "{0}/* Takes one; at 0 it sleeps (futex) until a post or the deadline. */\n"
        "{0}if (sem_timedwait(sem, &deadline) == -1) {{\n"
        "{0}    if (errno == ETIMEDOUT) {{\n"
        "{0}        fprintf(stderr, \"%s: timed out{1});\n"
        "{0}        return 3; /* as ipcdemo: timed out */\n"
        "{0}    }}\n"
        "{0}    return fail(\"sem_timedwait\");\n"
        "{0}}}\n",
        body_in, done);
  else
    program.add(
        "{0}/* Takes one; at 0 it sleeps in the kernel (futex) until someone posts. */\n"
        "{0}if (sem_wait(sem) == -1) return fail(\"sem_wait\");\n",
        body_in);
  if (spin) program.add("{}}}\n", in);
  if (loop) program.add("    }}\n");
  program.add(
      "    sem_close(sem);\n"
      "    return 0;\n"
      "}}\n");
  if (settings.try_only) program.include({"errno.h"});
  return program.text();
}

std::string sem_post_program(const SemPost& settings) {
  Program program("sem post", "-pthread");
  add_name(program, settings.name);
  program.add("int main(void)\n{{\n");
  add_open(program);
  const bool loop = settings.count != 1;
  const std::string_view in = loop ? "        " : "    ";
  if (loop) program.add("    for (unsigned long long done = 0; done < {}ull; ++done) {{\n", settings.count);
  program.add(
      "{0}/* Adds one, or wakes a waiter: the kernel is asked (futex) only when\n"
      "{0} * someone sleeps on it. Above SEM_VALUE_MAX it fails: EOVERFLOW. */\n"
      "{0}if (sem_post(sem) == -1) return fail(\"sem_post\");\n",
      in);
  if (loop) program.add("    }}\n");
  program.add(
      "    sem_close(sem);\n"
      "    return 0;\n"
      "}}\n");
  return program.text();
}

} // namespace ipcdemo::showc
