// SPDX-License-Identifier: MIT
// sem: the screenplay's third scene. A named semaphore is a counter in a file,
// /dev/shm/sem.NAME, that glibc maps: wait takes one, blocking at 0, post gives one
// back and wakes a waiter; the kernel is asked (futex) only to sleep and to wake.
#include "commands/groups.hpp"

#include "base/error.hpp"
#include "base/escape.hpp"
#include "base/log.hpp"
#include "base/made.hpp"
#include "base/size_text.hpp"
#include "cli/invocation.hpp"
#include "cli/parse.hpp"
#include "commands/ipc_options.hpp"
#include "commands/shared_options.hpp"
#include "ipc/name.hpp"
#include "sem/named.hpp"
#include "showc/sem.hpp"
#include "sys/clock.hpp"
#include "sys/narrate.hpp"

#include <sched.h>
#include <semaphore.h>
#include <time.h>
#include <cerrno>

namespace ipcdemo::commands {

namespace {

// The value, read for what we say and not as a step of the lesson: -v narrates
// it only as a check (-vv).
int checked_value(const sys::Semaphore& semaphore) {
  const narrate::Check check;
  return semaphore.value();
}

// What a wait or post did to the value, true when other processes wait or post
// at the same time: the two reads are not one atomic step with ours.
std::string value_change(int before, int after, int expected_after) {
  if (after == expected_after) return fmt::format("value {} -> {}", before, after);
  return fmt::format("value {} before, {} after: other processes waited or posted in between", before, after);
}

int create(const Invocation& invocation) {
  const std::string name = object_name(invocation, ObjectKind::sem);
  const std::uint64_t value = invocation.count("value");
  const mode_t mode = invocation.mode("mode");
  auto result = sem::create(name, mode, static_cast<unsigned>(value), invocation.flag("exclusive"));
  if (result.created) made::record(fmt::format("semaphore {} was created", escape::visible(name)));
  const int current = checked_value(result.semaphore);
  if (!result.created) {
    std::vector<std::string> not_applied;
    if (static_cast<std::uint64_t>(current) != value)
      not_applied.push_back(fmt::format("--value {} (its value is {})", value, current));
    if (const auto status = sys::Semaphore::file_status(name))
      if (auto mode_note = mode_not_applied(mode, status->st_mode)) not_applied.push_back(*mode_note);
    warn_existing("semaphore", name, not_applied);
  }
  fmt::print("path: {}\nvalue: {}\n", escape::visible(ipc_object_path(name, ObjectKind::sem)), current);
  return exit_code::ok;
}

std::string create_in_c(const Invocation& invocation) {
  return showc::sem_create_program({.name = object_name(invocation, ObjectKind::sem),
                                    .value = static_cast<unsigned>(invocation.count("value")),
                                    .mode = invocation.mode("mode"),
                                    .exclusive = invocation.flag("exclusive")});
}

// --try never waits, --timeout waits at most so long: one or the other.
void check_waiting(const Invocation& invocation) {
  if (invocation.flag("try") && invocation.given("timeout"))
    throw UsageError("--try and --timeout cannot go together: --try never waits");
}

int usable_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  return ::sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 1;
}

int wait(const Invocation& invocation) {
  const std::string name = object_name(invocation, ObjectKind::sem);
  check_waiting(invocation);
  const bool try_only = invocation.flag("try");
  const bool timed = invocation.given("timeout");
  const std::uint64_t count = invocation.count("count");
  sys::Semaphore semaphore = sem::open(name);
  const int before = checked_value(semaphore);
  // One deadline for all the waits, against CLOCK_MONOTONIC: setting the wall clock
  // neither shortens nor stretches it.
  const timespec deadline =
      timed ? sys::deadline_after(CLOCK_MONOTONIC, invocation.duration("timeout")) : timespec{};
  auto spin = invocation.duration("spin");
  if (spin.count() > 0 && usable_cpus() < 2) {
    // The poster cannot run while we spin on the only CPU: spinning would only delay it.
    log::info("--spin: only one CPU is usable, so waits block at once");
    spin = {};
  }
  for (std::uint64_t done = 0; done < count; ++done) {
    if (!try_only && spin.count() > 0 && semaphore.spin_wait(spin)) continue;
    if (try_only) {
      if (!semaphore.try_wait())
        throw WouldBlock(
            fmt::format("semaphore {}: its value is 0 and --try does not wait ({} of {} waits done)", name,
                        done, count),
            fmt::format("post first: ipcdemo sem post {}", name));
    } else if (timed) {
      if (!semaphore.wait_until(CLOCK_MONOTONIC, deadline))
        throw WouldBlock(fmt::format("semaphore {}: timed out after {} ({} of {} waits done)", name,
                                     invocation.text("timeout"), done, count));
    } else {
      if ((done == 0 ? before : checked_value(semaphore)) == 0)
        log::info("semaphore {} is at 0: waiting until someone posts (ipcdemo sem post {}); Ctrl-C stops",
                  name, name);
      semaphore.wait();
    }
  }
  const int after = checked_value(semaphore);
  if (static_cast<std::uint64_t>(before) < count)
    // Some waits blocked at 0 until posts came: the posts, not the value, ended them.
    log::info("semaphore {}: {} done (value {} before: posts woke the waits that blocked), value now {}",
              name, counted(count, "wait"), before, after);
  else
    log::info("semaphore {}: {} done, {}", name, counted(count, "wait"),
              value_change(before, after, before - static_cast<int>(count)));
  return exit_code::ok;
}

std::string wait_in_c(const Invocation& invocation) {
  check_waiting(invocation);
  showc::SemWait settings{.name = object_name(invocation, ObjectKind::sem),
                          .count = invocation.count("count"),
                          .timeout = {},
                          .try_only = invocation.flag("try"),
                          .spin = invocation.duration("spin")};
  if (invocation.given("timeout")) settings.timeout = invocation.duration("timeout");
  return showc::sem_wait_program(settings);
}

int post(const Invocation& invocation) {
  const std::string name = object_name(invocation, ObjectKind::sem);
  const std::uint64_t count = invocation.count("count");
  sys::Semaphore semaphore = sem::open(name);
  const int before = checked_value(semaphore);
  for (std::uint64_t done = 0; done < count; ++done) {
    try {
      semaphore.post();
    } catch (const SysError& error) {
      if (error.err() != EOVERFLOW || count == 1) throw;
      throw SysError(error.call(), error.object(), EOVERFLOW,
                     fmt::format("{}; {} of {} posts were done, the value is now {}", error.hint(), done,
                                 count, checked_value(semaphore)));
    }
  }
  if (before == 0) {
    // Only at 0 can anyone be blocked, and a woken waiter takes the post at once:
    // the value read now would say 1 where the waiter is about to make it 0.
    log::info(
        "semaphore {}: {} done; its value was 0, so processes blocked in sem_wait, if any, "
        "wake and take the posts",
        name, counted(count, "post"));
  } else {
    const int after = checked_value(semaphore);
    log::info("semaphore {}: {} done, {}", name, counted(count, "post"),
              value_change(before, after, before + static_cast<int>(count)));
  }
  return exit_code::ok;
}

std::string post_in_c(const Invocation& invocation) {
  return showc::sem_post_program(
      {.name = object_name(invocation, ObjectKind::sem), .count = invocation.count("count")});
}

int value(const Invocation& invocation) {
  const sys::Semaphore semaphore = sem::open(object_name(invocation, ObjectKind::sem));
  fmt::print("{}\n", semaphore.value());
  return exit_code::ok;
}

int unlink(const Invocation& invocation) {
  const std::string name = unlink_name(invocation, ObjectKind::sem);
  sem::unlink(name);
  log::info("removed {} (processes that have it open keep using it)", ipc_object_path(name, ObjectKind::sem));
  return exit_code::ok;
}

} // namespace

GroupSpec sem_group() {
  static const GroupSpec group = {
      .name = "sem",
      .summary = "Named POSIX semaphores: wait blocks at 0, post wakes a waiter",
      .description =
          "A named semaphore is a counter that never goes below 0. sem_wait takes one, and when\n"
          "there is none it blocks until another process calls sem_post. glibc keeps it in the\n"
          "file /dev/shm/sem.NAME and maps it: wait and post are atomic operations on that\n"
          "memory, and the kernel is asked (futex) only to put a waiter to sleep and wake it.\n"
          "A semaphore of value 1 is a mutex: 'shm produce --sync sem' uses one to stop\n"
          "concurrent producers losing increments.",
      .commands =
          {
              {
                  .action = "create",
                  .summary = "Create a named semaphore with an initial value",
                  .description =
                      "sem_open(NAME, O_CREAT|O_EXCL, MODE, VALUE). The screenplay's value is 7: seven\n"
                      "waits return at once, the eighth blocks until someone posts. An existing\n"
                      "semaphore is opened and left as it is (a warning says which settings did not\n"
                      "apply), unless --exclusive makes that an error.",
                  .examples = {"ipcdemo sem create", "ipcdemo sem create lock --value 1",
                               "ipcdemo -v sem create --exclusive --mode 0660"},
                  .options = {{.flags = "--value",
                               .type = ValueType::count,
                               .help = "Initial value of a new semaphore (at most SEM_VALUE_MAX)",
                               .default_value = "7",
                               .max = SEM_VALUE_MAX,
                               .range_error = "{option} {value} is above SEM_VALUE_MAX ({max})"},
                              exclusive_option(),
                              mode_option()},
                  .arguments = {name_argument(ObjectKind::sem)},
                  .handler = create,
                  .show_c = create_in_c,
              },
              {
                  .action = "wait",
                  .summary = "Take from a semaphore (sem_wait), blocking while it is 0",
                  .description =
                      "Does N waits. Each blocks as sem_wait does until the value is above 0, then takes\n"
                      "one; Ctrl-C ends a blocked wait at once with exit 130.\n"
                      "--timeout gives up when DURATION has passed for all N waits together, measured\n"
                      "on CLOCK_MONOTONIC (sem_clockwait), so setting the wall clock neither shortens\n"
                      "nor stretches it. --try never blocks (sem_trywait). Either ends with exit 3\n"
                      "when a wait would block or timed out.\n"
                      "--spin first retries sem_trywait for up to DURATION before blocking: a post\n"
                      "from a process on another CPU is then seen in nanoseconds instead of the\n"
                      "microseconds a wake-up from the kernel costs (see ipcdemo bench). With one\n"
                      "usable CPU, spinning only delays the poster, so it is skipped.",
                  .examples = {"ipcdemo sem wait", "ipcdemo sem wait --count 7",
                               "ipcdemo sem wait --timeout 2s", "ipcdemo sem wait --try || echo would block"},
                  .options = {count_option("How many waits", "1"),
                              timeout_option("Give up after DURATION (exit 3)"),
                              {.flags = "--try",
                               .type = ValueType::flag,
                               .help = "Do not block: exit 3 if a wait would block"},
                              {.flags = "--spin",
                               .type = ValueType::duration,
                               .help = "Retry sem_trywait for up to DURATION before blocking (bounded)",
                               .default_value = "0"}},
                  .arguments = {name_argument(ObjectKind::sem)},
                  .handler = wait,
                  .show_c = wait_in_c,
              },
              {
                  .action = "post",
                  .summary = "Give to a semaphore (sem_post), waking a waiter",
                  .description = "Does N posts: each adds one to the value, or wakes one blocked waiter.\n"
                                 "The value cannot go above SEM_VALUE_MAX (EOVERFLOW, exit 1).",
                  .examples = {"ipcdemo sem post", "ipcdemo sem post --count 3"},
                  .options = {count_option("How many posts", "1")},
                  .arguments = {name_argument(ObjectKind::sem)},
                  .handler = post,
                  .show_c = post_in_c,
              },
              {
                  .action = "value",
                  .summary = "Print a semaphore's value (sem_getvalue)",
                  .description =
                      "Prints the value sem_getvalue reports: how many waits would return at once.\n"
                      "With waiters blocked, Linux reports 0. The value may have changed by the time\n"
                      "it is printed: use it to look, never to decide.",
                  .examples = {"ipcdemo sem value", "watch -n 0.5 ipcdemo sem value"},
                  .arguments = {name_argument(ObjectKind::sem)},
                  .handler = value,
              },
              {
                  .action = "unlink",
                  .summary = "Remove a semaphore's name",
                  .description =
                      "sem_unlink: /dev/shm/sem.NAME disappears at once; processes that have the\n"
                      "semaphore open keep using it until they close it. A FIFO, socket or\n"
                      "symbolic link planted under the name is removed too (never opened or\n"
                      "followed), and a warning says what it was.\n"
                      "Without NAME the default semaphore is removed only when it is yours; another\n"
                      "user's must be named explicitly (exit 2 otherwise). Many at once: ipcdemo rm.",
                  .examples = {"ipcdemo sem unlink", "ipcdemo sem unlink mein-shared-dings-lock"},
                  .arguments = {name_argument(ObjectKind::sem)},
                  .handler = unlink,
              },
          },
  };
  return group;
}

} // namespace ipcdemo::commands
