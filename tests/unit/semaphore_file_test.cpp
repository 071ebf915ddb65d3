// SPDX-License-Identifier: MIT
// The semaphore-file check against glibc's real layout: what glibc writes passes,
// each field it relies on is caught when wrong; and the one reader of the file.
#include "sys/semaphore_file.hpp"

#include "base/error.hpp"

#include <fcntl.h>
#include <semaphore.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <climits>
#include <cstdio>
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
            "has 0 bytes, and glibc maps a semaphore's first 32");
  EXPECT_NE(semaphore_file_problem(std::span(bytes.data(), 31)), "");
  auto longer = bytes;
  longer.push_back(0);
  EXPECT_EQ(semaphore_file_problem(longer), "") << "glibc uses the first 32 bytes and leaves the rest";

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

namespace {

// A scratch folder with a file of these bytes in it, removed at the end.
class SemaphoreFileRead : public ::testing::Test {
 protected:
  void SetUp() override {
    std::array<char, 64> dir_template{};
    std::snprintf(dir_template.data(), dir_template.size(), "/tmp/ipcdemo-unit-semread.XXXXXX");
    ASSERT_NE(::mkdtemp(dir_template.data()), nullptr);
    dir_ = dir_template.data();
    path_ = dir_ + "/sem.x";
  }
  void TearDown() override {
    ::unlink(path_.c_str());
    ::rmdir(path_.c_str());
    ::rmdir(dir_.c_str());
  }
  void write_file(const std::vector<unsigned char>& bytes) const {
    std::ofstream(path_, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  }
  std::string dir_;
  std::string path_;
};

} // namespace

TEST_F(SemaphoreFileRead, ReadsTheValueAndWaitersOfWhatGlibcWrote) {
  auto bytes = glibc_file(5);
  put(bytes, ipcdemo::sys::semaphore_nwaiters_offset, 2);
  write_file(bytes);
  const auto word = ipcdemo::sys::read_semaphore_file("/x", path_);
  EXPECT_EQ(word.value, 5U);
  EXPECT_EQ(word.waiters, 2U);
}

TEST_F(SemaphoreFileRead, ADamagedFileIsAnErrorNamingTheSemaphoreAndTheField) {
  auto bytes = glibc_file(1);
  put(bytes, ipcdemo::sys::semaphore_private_offset, 5);
  write_file(bytes);
  try {
    ipcdemo::sys::read_semaphore_file("/x", path_);
    FAIL() << "a damaged file was read";
  } catch (const ipcdemo::Error& error) {
    EXPECT_NE(
        std::string(error.what()).find("semaphore /x is damaged: " + path_ + " has 5 in its private field"),
        std::string::npos)
        << error.what();
  }
}

TEST_F(SemaphoreFileRead, AFifoIsRefusedWithoutBlocking) {
  ASSERT_EQ(::mkfifo(path_.c_str(), 0600), 0);
  try {
    ipcdemo::sys::read_semaphore_file("/x", path_);
    FAIL() << "a FIFO was read";
  } catch (const ipcdemo::Error& error) {
    EXPECT_NE(std::string(error.what()).find(path_ + " is a FIFO, not a semaphore"), std::string::npos)
        << error.what();
  }
}

TEST_F(SemaphoreFileRead, AMissingFileIsTheOpensErrorToReadAndNothingToCheck) {
  try {
    ipcdemo::sys::read_semaphore_file("/x", path_);
    FAIL() << "a missing file was read";
  } catch (const ipcdemo::SysError& error) {
    EXPECT_EQ(error.err(), ENOENT);
  }
}

namespace {

// The file mapped as sem_open maps it: its first 32 bytes, shared.
struct MappedFile {
  explicit MappedFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDWR);
    EXPECT_GE(fd, 0);
    address = ::mmap(nullptr, ipcdemo::sys::semaphore_file_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    ::close(fd);
    EXPECT_NE(address, MAP_FAILED);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  MappedFile(MappedFile&&) = delete;
  MappedFile& operator=(MappedFile&&) = delete;
  ~MappedFile() { ::munmap(address, ipcdemo::sys::semaphore_file_size); }
  const sem_t* sem() const { return static_cast<const sem_t*>(address); }
  void* address = MAP_FAILED;
};

} // namespace

TEST_F(SemaphoreFileRead, TheMappingGlibcMadeIsCheckedWithoutTouchingIt) {
  write_file(glibc_file(3));
  const MappedFile good(path_);
  EXPECT_NO_THROW(ipcdemo::sys::check_semaphore_mapping("/x", path_, good.sem()));

  auto bytes = glibc_file(1);
  put(bytes, ipcdemo::sys::semaphore_private_offset, 0);
  write_file(bytes);
  const MappedFile damaged(path_);
  try {
    ipcdemo::sys::check_semaphore_mapping("/x", path_, damaged.sem());
    FAIL() << "a damaged mapping passed";
  } catch (const ipcdemo::Error& error) {
    EXPECT_NE(std::string(error.what()).find("has 0 in its private field"), std::string::npos)
        << error.what();
  }
}

TEST_F(SemaphoreFileRead, AnEmptiedFileIsReportedWhereATouchWouldRaiseSigbus) {
  write_file(glibc_file(3));
  const MappedFile mapped(path_);
  ASSERT_EQ(::truncate(path_.c_str(), 0), 0); // a neighbour empties it after sem_open
  // The file, still there, gives its size; once removed, the mapping tells alone.
  for (const char* expected : {"has 0 bytes", "would raise SIGBUS"}) {
    try {
      ipcdemo::sys::check_semaphore_mapping("/x", path_, mapped.sem());
      ADD_FAILURE() << "an emptied file passed";
    } catch (const ipcdemo::Error& error) {
      EXPECT_NE(std::string(error.what()).find(expected), std::string::npos) << error.what();
    }
    ::unlink(path_.c_str());
  }
}
