// SPDX-License-Identifier: MIT
#include "ipc/mqueue_fs.hpp"
#include "mq/limits.hpp"

#include <cerrno>

#include <gtest/gtest.h>

using namespace ipcdemo::mq;

namespace {
Limits defaults() {
  return {.msg_max = 10,
          .msgsize_max = 8192,
          .queues_max = 256,
          .rlimit_msgqueue = 819200,
          .privileged = false,
          .open_fds = 4,
          .rlimit_nofile = 1024};
}
bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }
} // namespace

TEST(MqLimits, ChargesLikeTheKernel) {
  // 10 x (48 + 24) + 10 x 48: the figure an unprivileged user's RLIMIT_MSGQUEUE pays for the default queue.
  EXPECT_EQ(charged_bytes(10, 24), 1200U);
  EXPECT_EQ(charged_bytes(40000, 1), 40000U * 49 + 32768U * 48);
}

TEST(MqLimits, MsgMaxErrorNamesTheLimitItsValueAndItsFile) {
  const auto hint = explain_create_error(EINVAL, 11, 24, defaults());
  EXPECT_TRUE(
      contains(hint, "--maxmsg 11 exceeds the limit msg_max = 10 (set in /proc/sys/fs/mqueue/msg_max"))
      << hint;
  EXPECT_FALSE(contains(hint, "msgsize_max"));
  EXPECT_TRUE(contains(hint, "apply to root too"));
}

TEST(MqLimits, MsgsizeMaxErrorNamesTheLimitItsValueAndItsFile) {
  const auto hint = explain_create_error(EINVAL, 10, 9000, defaults());
  EXPECT_TRUE(contains(hint,
                       "--msgsize 9000 exceeds the limit msgsize_max = 8192 (set in "
                       "/proc/sys/fs/mqueue/msgsize_max"))
      << hint;
}

TEST(MqLimits, BothLimitsAtOnce) {
  const auto hint = explain_create_error(EINVAL, 11, 9000, defaults());
  EXPECT_TRUE(contains(hint, "msg_max = 10") && contains(hint, "msgsize_max = 8192")) << hint;
}

TEST(MqLimits, PrivilegedProcessesMeetTheHardCeilings) {
  Limits limits = defaults();
  limits.privileged = true;
  EXPECT_TRUE(
      contains(explain_create_error(EINVAL, 70000, 24, limits),
               "--maxmsg 70000 exceeds the kernel's hard cap of 65536 messages per queue (HARD_MSGMAX)"));
}

TEST(MqLimits, AValueAboveTheHardCapIsQuotedAsGivenAndNoSysctlIsSuggested) {
  const auto hint = explain_create_error(EINVAL, 99999999999, 99999999999, defaults());
  EXPECT_TRUE(contains(hint, "--maxmsg 99999999999 exceeds the kernel's hard cap of 65536 messages")) << hint;
  EXPECT_TRUE(contains(hint, "--msgsize 99999999999 exceeds the kernel's hard cap of 16 MiB per message"))
      << hint;
  EXPECT_FALSE(contains(hint, "sysctl fs.")) << hint;
  // Below the hard cap, the sysctl suggested is one the kernel accepts.
  const auto lifted = explain_create_error(EINVAL, 65536, 24, defaults());
  EXPECT_TRUE(contains(lifted, "sysctl fs.mqueue.msg_max=65536, at most 65536")) << lifted;
}

TEST(MqLimits, EmfileNamesTheDescriptorLimitWhenThatRanOut) {
  Limits limits = defaults();
  limits.open_fds = 1024;
  const auto hint = explain_create_error(EMFILE, 10, 24, limits);
  EXPECT_TRUE(contains(hint, "1024 descriptors open as its limit RLIMIT_NOFILE (1024, 'ulimit -n') allows"))
      << hint;
  EXPECT_FALSE(contains(hint, "RLIMIT_MSGQUEUE")) << hint;
  limits.open_fds = std::nullopt; // not even /proc/self/fd could be opened
  EXPECT_TRUE(descriptors_ran_out(limits));
  EXPECT_FALSE(descriptors_ran_out(defaults()));
}

TEST(MqLimits, QueuesMaxAndRlimitGetTheirOwnExplanations) {
  const auto enospc = explain_create_error(ENOSPC, 10, 24, defaults());
  EXPECT_TRUE(contains(enospc, "queues_max = 256 is reached") &&
              contains(enospc, "/proc/sys/fs/mqueue/queues_max"))
      << enospc;
  const auto emfile = explain_create_error(EMFILE, 10, 24, defaults());
  EXPECT_TRUE(contains(emfile, "not 'too many open files'") && contains(emfile, "about 1200 bytes") &&
              contains(emfile, "RLIMIT_MSGQUEUE = 819200 bytes") && contains(emfile, "ulimit -q"))
      << emfile;
  EXPECT_EQ(explain_create_error(EEXIST, 10, 24, defaults()), "");
}

TEST(MqueueFs, FindsTheMountPoint) {
  EXPECT_EQ(find_mqueue_mount("proc /proc proc rw 0 0\nnone /dev/mqueue mqueue rw,relatime 0 0\n"),
            "/dev/mqueue");
  EXPECT_EQ(find_mqueue_mount("none /tmp/a\\040b mqueue rw 0 0\n"), "/tmp/a b");
  EXPECT_EQ(find_mqueue_mount("proc /proc proc rw 0 0\n"), std::nullopt);
  EXPECT_EQ(find_mqueue_mount(""), std::nullopt);
}

TEST(MqueueFs, ParsesAQueueFile) {
  const auto file = parse_queue_file("QSIZE:48         NOTIFY:0     SIGNO:34    NOTIFY_PID:1234  \n");
  EXPECT_EQ(file.text, "QSIZE:48         NOTIFY:0     SIGNO:34    NOTIFY_PID:1234");
  EXPECT_EQ(file.qsize, 48);
  EXPECT_EQ(file.notify, 0);
  EXPECT_EQ(file.signo, 34);
  EXPECT_EQ(file.notify_pid, 1234);
}
