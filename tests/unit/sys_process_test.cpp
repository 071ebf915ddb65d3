// SPDX-License-Identifier: MIT
// The process, signal and clock wrappers against the real kernel.
#include "base/error.hpp"
#include "sys/clock.hpp"
#include "sys/fd.hpp"
#include "sys/process.hpp"
#include "sys/signal_wait.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

using namespace ipcdemo;

TEST(SysProcess, SpawnsWithRedirectionAndReapsTheExitStatus) {
  sys::Pipe pipe = sys::pipe("test pipe");
  sys::SpawnActions actions;
  actions.dup2(pipe.write.get(), STDOUT_FILENO);
  EXPECT_EQ(actions.description(), "[dup2(" + std::to_string(pipe.write.get()) + ", 1)]");
  const pid_t pid = sys::spawn("echo", "/bin/sh", {"sh", "-c", "echo hello; exit 3"}, actions);
  pipe.write.close();
  char buffer[16] = {};
  EXPECT_EQ(sys::read(pipe.read.get(), "test pipe", buffer, sizeof buffer), 6U);
  EXPECT_STREQ(buffer, "hello\n");
  const auto status = sys::waitpid(pid, 0, "echo");
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(WIFEXITED(*status));
  EXPECT_EQ(WEXITSTATUS(*status), 3);
}

TEST(SysProcess, WaitpidWithWnohangSaysStillRunningThenKillEndsIt) {
  const pid_t pid = sys::spawn("sleeper", "/bin/sh", {"sh", "-c", "exec sleep 60"}, sys::SpawnActions());
  EXPECT_FALSE(sys::waitpid(pid, WNOHANG, "sleeper").has_value());
  EXPECT_TRUE(sys::kill(pid, SIGKILL));
  const auto status = sys::waitpid(pid, 0, "sleeper");
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(WIFSIGNALED(*status));
  EXPECT_FALSE(sys::kill(pid, 0)); // reaped: gone
}

TEST(SysProcess, SpawnOfAMissingProgramThrowsNamingIt) {
  try {
    sys::spawn("nothing", "/nonexistent/program", {"x"}, sys::SpawnActions());
    FAIL() << "no exception";
  } catch (const SysError& error) {
    EXPECT_EQ(error.call(), "posix_spawn");
    EXPECT_EQ(error.object(), "nothing");
    EXPECT_EQ(error.err(), ENOENT);
  }
}

TEST(SysSignal, ABlockedSignalIsTakenSynchronously) {
  const sys::BlockedSignal blocked(SIGUSR1);
  const timespec no_wait{0, 0};
  EXPECT_FALSE(blocked.wait_for(no_wait).has_value());
  ASSERT_EQ(::raise(SIGUSR1), 0); // pending, not delivered: it is blocked
  const auto info = blocked.wait_for(no_wait);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->si_signo, SIGUSR1);
}

TEST(SysClock, SleepUntilAMomentInThePastReturnsAtOnce) {
  sys::sleep_until(CLOCK_MONOTONIC, timespec{0, 0});
  const timespec now = sys::now(CLOCK_MONOTONIC);
  EXPECT_GT(now.tv_sec + now.tv_nsec, 0);
}
