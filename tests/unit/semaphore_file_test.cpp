// The semaphore-file check against glibc's real layout: what glibc writes passes,
// each field it relies on is caught when wrong.
#include "sys/semaphore_file.hpp"

#include <fcntl.h>
#include <semaphore.h>
#include <unistd.h>

#include <fmt/format.h>

#include <array>
#include <climits>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

#include <gtest/gtest.h>

using ipcdemo::sys::semaphore_file_problem;

namespace {

std::vector<unsigned char> glibc_file(unsigned value) {
  const std::string name = fmt::format("/ipcdemo-unit-{}-semfile", ::getpid());
  sem_t* sem = ::sem_open(name.c_str(), O_CREAT | O_EXCL, 0600, value);
  EXPECT_NE(sem, SEM_FAILED);
  std::ifstream file("/dev/shm/sem." + name.substr(1), std::ios::binary);
  std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  ::sem_close(sem);
  ::sem_unlink(name.c_str());
  return bytes;
}

void put(std::vector<unsigned char>& bytes, std::size_t offset, std::uint32_t value) {
  std::memcpy(bytes.data() + offset, &value, sizeof value);
}

} // namespace

TEST(SemaphoreFile, WhatGlibcWritesPassesAndMatchesTheDescribedLayout) {
  auto bytes = glibc_file(7);
  ASSERT_EQ(bytes.size(), ipcdemo::sys::semaphore_file_size);
  EXPECT_EQ(semaphore_file_problem(bytes), "");
  EXPECT_EQ(bytes[ipcdemo::sys::semaphore_value_offset], 7);
  EXPECT_EQ(bytes[ipcdemo::sys::semaphore_private_offset], 128) << "glibc's LLL_SHARED";
}

TEST(SemaphoreFile, EachDamagedFieldIsNamed) {
  auto bytes = glibc_file(1);
  EXPECT_EQ(semaphore_file_problem(std::span(bytes.data(), 0)),
            "has 0 bytes, and glibc makes a semaphore's file exactly 32");
  EXPECT_NE(semaphore_file_problem(std::span(bytes.data(), 31)), "");

  auto value = bytes;
  put(value, ipcdemo::sys::semaphore_value_offset, static_cast<std::uint32_t>(SEM_VALUE_MAX) + 1);
  EXPECT_EQ(semaphore_file_problem(value), "holds the value 2147483648, above SEM_VALUE_MAX (2147483647)");
  put(value, ipcdemo::sys::semaphore_value_offset, SEM_VALUE_MAX);
  EXPECT_EQ(semaphore_file_problem(value), "");

  auto waiters = bytes;
  put(waiters, ipcdemo::sys::semaphore_nwaiters_offset, 3); // waiters asleep (or killed asleep) are no damage
  EXPECT_EQ(semaphore_file_problem(waiters), "");

  auto shared = bytes;
  put(shared, ipcdemo::sys::semaphore_private_offset, 0);
  EXPECT_NE(semaphore_file_problem(shared).find("would never wake a waiter in another process"),
            std::string::npos);
  put(shared, ipcdemo::sys::semaphore_private_offset, 5);
  EXPECT_NE(semaphore_file_problem(shared).find("glibc abort"), std::string::npos);
}
