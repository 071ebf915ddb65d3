// SPDX-License-Identifier: MIT
#include "sys/shm.hpp"
#include "base/error.hpp"
#include "shm/counter.hpp"
#include "shm/produce.hpp"
#include "shm/segment.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <gtest/gtest.h>

using namespace ipcdemo;

namespace {
// A segment with a name unique to this process and test, removed afterwards.
class Segment : public ::testing::Test {
 protected:
  void SetUp() override {
    name_ = fmt::format("/ipcdemo-unit-{}-{}", ::getpid(),
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  void TearDown() override { ::shm_unlink(name_.c_str()); }
  std::string name_;
};
} // namespace

TEST(ShmSync, ParsesAndNamesEveryMode) {
  for (const char* name : {"racy", "atomic", "sem"}) EXPECT_EQ(shm::sync_name(shm::parse_sync(name)), name);
  // Each name is its own mode (names and modes are two lists in one order).
  EXPECT_EQ(shm::parse_sync("racy"), shm::Sync::racy);
  EXPECT_EQ(shm::parse_sync("atomic"), shm::Sync::atomic);
  EXPECT_EQ(shm::parse_sync("sem"), shm::Sync::sem);
  EXPECT_THROW(shm::parse_sync("locked"), UsageError);
}

TEST(ShmSync, TheDefaultLockIsTheSegmentNameWithLock) {
  EXPECT_EQ(shm::lock_name("/mein-shared-dings", ""), "/mein-shared-dings-lock");
}

TEST(ShmSync, AGivenLockIsMadeCanonical) {
  EXPECT_EQ(shm::lock_name("/mein-shared-dings", "my-lock"), "/my-lock");
}

TEST_F(Segment, CreateGivesTheSizeAndOpensAnExistingOneUnchanged) {
  auto first = shm::create(name_, 4096, 0600, false);
  EXPECT_TRUE(first.created);
  EXPECT_EQ(first.status.st_size, 4096);
  auto second = shm::create(name_, 8192, 0600, false);
  EXPECT_FALSE(second.created);
  EXPECT_EQ(second.status.st_size, 4096) << "an existing segment is not resized";
  try {
    shm::create(name_, 4096, 0600, true);
    FAIL() << "--exclusive must fail on an existing segment";
  } catch (const SysError& error) {
    EXPECT_EQ(error.err(), EEXIST);
    EXPECT_NE(error.hint().find("ipcdemo shm unlink " + name_), std::string::npos);
  }
}

TEST_F(Segment, OpeningAnUnknownSegmentHintsAtCreate) {
  try {
    shm::open(name_, O_RDONLY);
    FAIL();
  } catch (const SysError& error) {
    EXPECT_EQ(error.err(), ENOENT);
    EXPECT_EQ(error.hint(), "create it first with: ipcdemo shm create " + name_);
  }
}

TEST_F(Segment, TheCounterStartsAtZeroAndEveryIncrementIsSeenByAReader) {
  shm::create(name_, 4096, 0600, true);
  auto writer = shm::Counter::open(name_, true);
  const auto reader = shm::Counter::open(name_, false);
  EXPECT_EQ(reader.load(), 0u);
  EXPECT_EQ(writer.racy_increment(), 1u);
  EXPECT_EQ(writer.atomic_increment(), 2u);
  EXPECT_EQ(reader.load(), 2u) << "MAP_SHARED: both mappings are the same pages";
}

TEST_F(Segment, ASegmentShorterThanTheCounterIsAnError) {
  {
    auto created = shm::create(name_, 8, 0600, true);
    sys::ftruncate(created.fd, 4);
  }
  try {
    shm::Counter::open(name_, false);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.exit_code(), exit_code::failure);
    EXPECT_NE(std::string(error.what()).find("has 4 bytes, fewer than the 8-byte counter"),
              std::string::npos);
  }
}
