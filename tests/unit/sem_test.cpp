// SPDX-License-Identifier: MIT
#include "base/error.hpp"
#include "sem/named.hpp"
#include "sys/semaphore.hpp"

#include <fcntl.h>
#include <semaphore.h>
#include <unistd.h>

#include <fmt/format.h>

#include <fstream>

#include <gtest/gtest.h>

using namespace ipcdemo;

namespace {
// A semaphore name unique to this process and test, removed afterwards.
class NamedSemaphore : public ::testing::Test {
 protected:
  void SetUp() override {
    name_ = fmt::format("/ipcdemo-unit-{}-{}", ::getpid(),
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  void TearDown() override { ::sem_unlink(name_.c_str()); }
  std::string name_;
};
} // namespace

TEST_F(NamedSemaphore, WaitTakesPostGivesTryWaitRefusesAtZero) {
  auto created = sem::create(name_, 0600, 2, true);
  ASSERT_TRUE(created.created);
  auto& semaphore = created.semaphore;
  EXPECT_EQ(semaphore.value(), 2);
  semaphore.wait();
  EXPECT_TRUE(semaphore.try_wait());
  EXPECT_FALSE(semaphore.try_wait());
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  EXPECT_FALSE(semaphore.wait_until(CLOCK_MONOTONIC, now)) << "a deadline already past times out at once";
  semaphore.post();
  EXPECT_EQ(semaphore.value(), 1);
}

TEST_F(NamedSemaphore, CreateOpensAnExistingOneWithItsValue) {
  sem::create(name_, 0600, 3, true);
  auto again = sem::create(name_, 0600, 7, false);
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.semaphore.value(), 3);
  EXPECT_THROW(sem::create(name_, 0600, 7, true), SysError);
}

TEST_F(NamedSemaphore, UnknownNamesHintAtCreate) {
  try {
    sem::open(name_);
    FAIL();
  } catch (const SysError& error) {
    EXPECT_EQ(error.err(), ENOENT);
    EXPECT_EQ(error.hint(), "create it first with: ipcdemo sem create " + name_);
  }
}

TEST_F(NamedSemaphore, AFileTooShortForASemaphoreIsReportedAsDamaged) {
  std::ofstream("/dev/shm/sem." + name_.substr(1)); // zero length, as after a crash mid-creation
  try {
    sem::open(name_);
    FAIL() << "sem_open would succeed and the first access raise SIGBUS";
  } catch (const Error& error) {
    EXPECT_EQ(error.exit_code(), exit_code::failure);
    EXPECT_NE(std::string(error.what()).find("is damaged"), std::string::npos);
  }
}
