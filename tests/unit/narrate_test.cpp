// SPDX-License-Identifier: MIT
#include "sys/narrate.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <cerrno>

#include <gtest/gtest.h>

using namespace ipcdemo::narrate;

TEST(Narrate, FormatsASuccessfulCallLikeStrace) {
  EXPECT_EQ(line("open", quoted("/etc/passwd") + ", " + open_flags(O_RDONLY), result(3, 0)),
            "sys: open(\"/etc/passwd\", O_RDONLY) = 3");
}

TEST(Narrate, MarksLibraryCallsApartFromSystemCalls) {
  EXPECT_EQ(line("sem_post", pointer(reinterpret_cast<void*>(0x1000)), result(0, 0)),
            "lib: sem_post(0x1000) = 0");
  EXPECT_EQ(line("mmap", "NULL, 32", "0x1000"), "sys: mmap(NULL, 32) = 0x1000");
  for (const char* call : {"shm_open", "shm_unlink", "sem_open", "sem_wait", "sem_post", "sem_close",
                           "mq_send", "mq_receive", "mq_getattr", "mq_close"}) {
    EXPECT_EQ(kind_of(call), CallKind::library) << call;
    EXPECT_FALSE(underneath(call).empty()) << call;
  }
  // These are the kernel's own names: strace shows them as they are.
  for (const char* call : {"open", "mmap", "munmap", "ftruncate", "close", "mq_open", "mq_timedsend",
                           "mq_timedreceive", "mq_notify", "mq_unlink", "futex", "vmsplice"}) {
    EXPECT_EQ(kind_of(call), CallKind::system) << call;
    EXPECT_TRUE(underneath(call).empty()) << call;
  }
  EXPECT_NE(underneath("sem_post").find("futex"), std::string_view::npos);
}

TEST(Narrate, FormatsAFailureWithErrnoName) {
  EXPECT_EQ(result(-1, ENOENT), "-1 ENOENT");
  EXPECT_EQ(result_pointer(nullptr, true, EINVAL), "-1 EINVAL");
}

TEST(Narrate, FormatsPointers) {
  EXPECT_EQ(pointer(nullptr), "NULL");
  EXPECT_EQ(pointer(reinterpret_cast<void*>(0x7f3c2a5e6000)), "0x7f3c2a5e6000");
  EXPECT_EQ(result_pointer(reinterpret_cast<void*>(0x1000), false, 0), "0x1000");
}

TEST(Narrate, DecodesOpenFlags) {
  EXPECT_EQ(open_flags(O_RDONLY), "O_RDONLY");
  EXPECT_EQ(open_flags(O_RDWR | O_CREAT | O_EXCL), "O_RDWR|O_CREAT|O_EXCL");
  EXPECT_EQ(open_flags(O_WRONLY | O_CLOEXEC), "O_WRONLY|O_CLOEXEC");
}

TEST(Narrate, DecodesMappingFlags) {
  EXPECT_EQ(prot_flags(PROT_READ), "PROT_READ");
  EXPECT_EQ(prot_flags(PROT_READ | PROT_WRITE), "PROT_READ|PROT_WRITE");
  EXPECT_EQ(prot_flags(PROT_NONE), "PROT_NONE");
  EXPECT_EQ(map_flags(MAP_PRIVATE), "MAP_PRIVATE");
  EXPECT_EQ(map_flags(MAP_SHARED), "MAP_SHARED");
  EXPECT_EQ(map_flags(MAP_PRIVATE | MAP_ANONYMOUS), "MAP_PRIVATE|MAP_ANONYMOUS");
  EXPECT_EQ(madvise_advice(MADV_SEQUENTIAL), "MADV_SEQUENTIAL");
}

TEST(Narrate, ShowsUnknownBitsInsteadOfHidingThem) {
  EXPECT_EQ(prot_flags(PROT_READ | 0x100), "PROT_READ|0x100");
}

TEST(Narrate, QuotesWithCEscapes) { EXPECT_EQ(quoted("a\"b\\c\n\t\x01"), "\"a\\\"b\\\\c\\n\\t\\x01\""); }

TEST(Narrate, QuotesControlsBidiAndInvalidUtf8Visibly) {
  EXPECT_EQ(quoted("\x1b[2J\xe2\x80\xae\xff"), "\"\\e[2J\\u202e\\xff\"");
}

TEST(Narrate, FormatsModes) {
  EXPECT_EQ(octal(0600), "0600");
  EXPECT_EQ(file_mode(S_IFREG | 0644), "S_IFREG|0644");
  EXPECT_EQ(file_mode(S_IFDIR | 0755), "S_IFDIR|0755");
}

TEST(Narrate, FormatsSemaphoreAndClockArguments) {
  EXPECT_EQ(sem_open_flags(0), "0");
  EXPECT_EQ(sem_open_flags(O_CREAT | O_EXCL), "O_CREAT|O_EXCL");
  EXPECT_EQ(sem_open_flags(O_RDWR | O_CREAT), "O_CREAT") << "sem_open ignores the access mode";
  EXPECT_EQ(clock_name(CLOCK_MONOTONIC), "CLOCK_MONOTONIC");
  EXPECT_EQ(clock_name(CLOCK_REALTIME), "CLOCK_REALTIME");
  EXPECT_EQ(timespec_value(timespec{12, 500000000}), "{tv_sec=12, tv_nsec=500000000}");
}

TEST(Narrate, NamesSignalsAsStraceDoes) {
  EXPECT_EQ(signal_name(SIGTERM), "SIGTERM");
  EXPECT_EQ(signal_name(SIGRTMIN), "SIGRTMIN");
  EXPECT_EQ(signal_name(SIGRTMIN + 3), "SIGRTMIN+3");
  sigset_t set;
  sigemptyset(&set);
  EXPECT_EQ(signal_set(set), "[]");
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGRTMIN);
  EXPECT_EQ(signal_set(set), "[SIGINT SIGRTMIN]");
}

TEST(Narrate, DecodesWaitStatus) {
  EXPECT_EQ(wait_status(0), "{WIFEXITED(s) && WEXITSTATUS(s) == 0}");
  EXPECT_EQ(wait_status(3 << 8), "{WIFEXITED(s) && WEXITSTATUS(s) == 3}");
  EXPECT_EQ(wait_status(SIGKILL), "{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}");
}

TEST(Narrate, DecodesPollEvents) {
  EXPECT_EQ(poll_events(POLLIN), "POLLIN");
  EXPECT_EQ(poll_events(POLLIN | POLLHUP), "POLLIN|POLLHUP");
  EXPECT_EQ(poll_events(0), "0");
}
