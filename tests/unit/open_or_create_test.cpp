// SPDX-License-Identifier: MIT
// The create-or-open helper shm, sem and mq share, and the table of hints, with
// stand-in calls: the races it handles cannot be timed with real objects.
#include "ipc/open_or_create.hpp"
#include "ipc/hints.hpp"

#include <cerrno>
#include <string>

#include <gtest/gtest.h>

using namespace ipcdemo;

namespace {
const std::string name = "/demo";
SysError failure(int err) { return SysError("shm_open", name, err); }
} // namespace

TEST(OpenOrCreate, CreatesWhenTheNameIsFree) {
  const auto opened = open_or_create(
      ObjectKind::shm, name, false, [] { return 1; }, []() -> int { throw failure(ENOENT); });
  EXPECT_TRUE(opened.created);
  EXPECT_EQ(opened.handle, 1);
}

TEST(OpenOrCreate, OpensAnExistingObjectUnlessExclusive) {
  const auto create = []() -> int { throw failure(EEXIST); };
  const auto opened = open_or_create(ObjectKind::shm, name, false, create, [] { return 2; });
  EXPECT_FALSE(opened.created);
  EXPECT_EQ(opened.handle, 2);
  try {
    open_or_create(ObjectKind::shm, name, true, create, [] { return 2; });
    FAIL() << "no error";
  } catch (const SysError& error) {
    EXPECT_EQ(error.err(), EEXIST);
    EXPECT_EQ(error.hint(), "remove it first with: ipcdemo shm unlink /demo");
  }
}

TEST(OpenOrCreate, CreatesAgainWhenTheObjectVanishesBetweenTheTwoCalls) {
  int creates = 0;
  const auto opened = open_or_create(
      ObjectKind::sem, name, false,
      [&]() -> int {
        if (++creates == 1) throw failure(EEXIST); // it exists...
        return 3;
      },
      []() -> int { throw failure(ENOENT); }); // ...and is gone before the open
  EXPECT_TRUE(opened.created);
  EXPECT_EQ(creates, 2);
}

TEST(OpenOrCreate, GivesUpOnANameThatKeepsVanishing) {
  EXPECT_THROW(open_or_create(
                   ObjectKind::mq, name, false, []() -> int { throw failure(EEXIST); },
                   []() -> int { throw failure(ENOENT); }),
               SysError);
}

TEST(IpcHints, OneTableByKindOperationAndErrno) {
  EXPECT_EQ(ipc_hint(ObjectKind::mq, Operation::open_read, ENOENT, "/q"),
            "create it first: ipcdemo mq create /q");
  EXPECT_EQ(ipc_hint(ObjectKind::sem, Operation::unlink, ENOENT, "/s"),
            "there is no such semaphore (ls /dev/shm/sem.* shows those there are)");
  EXPECT_EQ(ipc_hint(ObjectKind::shm, Operation::create, EINVAL, "/x"), "");
}

TEST(IpcHints, AnErrorThatHasAHintKeepsIt) {
  try {
    with_ipc_hint(ObjectKind::shm, Operation::unlink, name,
                  [] { throw SysError("shm_unlink", name, ENOENT, "the caller knows better"); });
    FAIL() << "no error";
  } catch (const SysError& error) {
    EXPECT_EQ(error.hint(), "the caller knows better");
  }
}
