// SPDX-License-Identifier: MIT
// Out of file descriptors (ulimit -n), a command fails and names the limit:
// never an empty listing with success. A dynamic binary cannot even start with
// ulimit -n 3 (its loader needs a descriptor), so the paths are tested here, in
// a process whose limit is lowered to what it already has open.
#include "base/error.hpp"
#include "ipc/listing.hpp"
#include "shm/segment.hpp"
#include "sys/message_queue.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fmt/format.h>

#include <gtest/gtest.h>

using namespace ipcdemo;

namespace {

// The lowest free descriptor: with the limit there, the next open fails.
rlim_t lowest_free_descriptor() {
  const int fd = ::dup(0);
  ::close(fd);
  return static_cast<rlim_t>(fd);
}

class DescriptorLimit : public ::testing::Test {
 protected:
  void SetUp() override {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    // The sanitizers' runtimes need descriptors of their own (UBSan probes memory
    // through a pipe, and without one misreports a valid vptr).
    GTEST_SKIP() << "a sanitizer runtime needs descriptors of its own";
#endif
    ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &saved_), 0);
    rlimit low = saved_;
    limit_ = lowest_free_descriptor();
    low.rlim_cur = limit_;
    ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &low), 0);
  }
  void TearDown() override {
    if (limit_ != 0) ::setrlimit(RLIMIT_NOFILE, &saved_);
  }
  rlimit saved_{};
  rlim_t limit_ = 0;
};

} // namespace

TEST_F(DescriptorLimit, LsFailsInsteadOfListingNothing) {
  try {
    ls::list(ls::Request{.kinds = {ObjectKind::shm}});
    FAIL() << "an unreadable /dev/shm must not list as empty";
  } catch (const SysError& error) {
    EXPECT_EQ(error.err(), EMFILE);
    EXPECT_EQ(error.line(), fmt::format("open /dev/shm: Too many open files; the open-file limit "
                                        "RLIMIT_NOFILE (ulimit -n) is {}",
                                        limit_));
  }
}

TEST_F(DescriptorLimit, OpeningASegmentNamesTheLimit) {
  try {
    shm::open("/ipcdemo-unit-no-descriptor-left", O_RDONLY);
    FAIL();
  } catch (const SysError& error) {
    EXPECT_EQ(error.err(), EMFILE);
    EXPECT_NE(error.hint().find("ulimit -n"), std::string::npos);
  }
}

TEST_F(DescriptorLimit, OpeningAQueueNamesTheDescriptorLimitNotTheQueueBudget) {
  try {
    sys::Queue::open("/ipcdemo-unit-no-descriptor-left", O_RDONLY);
    FAIL();
  } catch (const SysError& error) {
    EXPECT_EQ(error.err(), EMFILE);
    EXPECT_EQ(error.hint(), fmt::format("the open-file limit RLIMIT_NOFILE (ulimit -n) is {}", limit_));
  }
}
