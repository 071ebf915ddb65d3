// SPDX-License-Identifier: MIT
#include "base/error.hpp"
#include "ipc/name.hpp"

#include <gtest/gtest.h>

using namespace ipcdemo;

TEST(IpcName, AddsTheLeadingSlash) {
  EXPECT_EQ(normalize_ipc_name("demo", ObjectKind::shm), "/demo");
  EXPECT_EQ(normalize_ipc_name("/demo", ObjectKind::mq), "/demo");
}

TEST(IpcName, RejectsWhatTheKernelRejects) {
  for (const char* bad : {"", "/", "a/b", "/a/b", ".", "/..", "//x"})
    EXPECT_THROW(normalize_ipc_name(bad, ObjectKind::shm), UsageError) << bad;
}

TEST(IpcName, CountsGlibcsSemPrefixAgainstNameMax) {
  const std::string longest_sem(251, 's');
  EXPECT_EQ(normalize_ipc_name(longest_sem, ObjectKind::sem), "/" + longest_sem);
  EXPECT_THROW(normalize_ipc_name(longest_sem + "s", ObjectKind::sem), UsageError);
  EXPECT_EQ(normalize_ipc_name(std::string(255, 'm'), ObjectKind::shm).size(), 256U);
  EXPECT_THROW(normalize_ipc_name(std::string(256, 'm'), ObjectKind::shm), UsageError);
}

TEST(IpcName, KnowsWhereObjectsLive) {
  EXPECT_EQ(ipc_object_path("/x", ObjectKind::shm), "/dev/shm/x");
  EXPECT_EQ(ipc_object_path("/x", ObjectKind::sem), "/dev/shm/sem.x");
  EXPECT_EQ(ipc_object_path("/x", ObjectKind::mq), "/dev/mqueue/x");
  EXPECT_EQ(default_ipc_name(ObjectKind::sem), "/meine-semaphore");
}

TEST(IpcName, RefusesASegmentNameThatIsASemaphoresFile) {
  for (const char* taken : {"sem.x", "/sem.x", "/sem.", "sem.meine-semaphore"})
    EXPECT_THROW(normalize_ipc_name(taken, ObjectKind::shm), UsageError) << taken;
  try {
    normalize_ipc_name("/sem.x", ObjectKind::shm);
  } catch (const UsageError& error) {
    EXPECT_NE(std::string(error.what()).find("the file of semaphore '/x'"), std::string::npos)
        << error.what();
  }
  // Only shared memory shares a directory with semaphores.
  EXPECT_EQ(normalize_ipc_name("/sem.x", ObjectKind::sem), "/sem.x");
  EXPECT_EQ(normalize_ipc_name("/sem.x", ObjectKind::mq), "/sem.x");
  EXPECT_EQ(normalize_ipc_name("/semx", ObjectKind::shm), "/semx");
}
