// SPDX-License-Identifier: MIT
// The Queue wrapper against the real kernel: a private queue per test, unlinked at the end.
#include "sys/message_queue.hpp"

#include "base/error.hpp"
#include "mq/queue.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <string>

#include <gtest/gtest.h>

namespace mq = ipcdemo::mq;
using ipcdemo::SysError;
using ipcdemo::sys::Queue;

namespace {
class QueueTest : public ::testing::Test {
 protected:
  void TearDown() override { mq_unlink(name.c_str()); }
  std::string name = "/ipcdemo-unit-" + std::to_string(getpid()) + "-" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name();
};

// (pointer and size: libc++ 14 deduces std::span(string_view) as span<char>)
std::span<const std::byte> bytes_of(std::string_view text) {
  return std::as_bytes(std::span(text.data(), text.size()));
}
} // namespace

TEST_F(QueueTest, CreatesSendsAndReceivesWithPriorities) {
  const Queue queue = Queue::create(name, O_RDWR | O_EXCL, 0600, 4, 16);
  const mq_attr attr = queue.attributes();
  EXPECT_EQ(attr.mq_maxmsg, 4);
  EXPECT_EQ(attr.mq_msgsize, 16);
  ASSERT_TRUE(queue.send(bytes_of("low"), 1));
  ASSERT_TRUE(queue.send(bytes_of("high"), 9));
  std::array<std::byte, 16> buffer{};
  const auto first = queue.receive(buffer);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->priority, 9U);
  EXPECT_EQ(first->length, 4U);
  EXPECT_EQ((queue.status().st_mode & 0777), 0600U);
}

TEST_F(QueueTest, OpeningAnExistingQueueIsNotCreatingIt) {
  const auto first = mq::create(name, {.maxmsg = 2, .msgsize = 8});
  EXPECT_TRUE(first.created);
  const auto second = mq::create(name, {.maxmsg = 5, .msgsize = 8});
  EXPECT_FALSE(second.created);
  EXPECT_EQ(second.queue.attributes().mq_maxmsg, 2); // the existing queue keeps its own
  try {
    mq::create(name, {.maxmsg = 2, .msgsize = 8, .exclusive = true});
    FAIL() << "no error";
  } catch (const SysError& error) {
    EXPECT_EQ(error.err(), EEXIST);
    EXPECT_NE(error.hint().find("ipcdemo mq unlink " + name), std::string::npos) << error.hint();
  }
}

TEST_F(QueueTest, ReportsAFullOrEmptyQueueInsteadOfThrowing) {
  const Queue queue = Queue::create(name, O_RDWR | O_NONBLOCK, 0600, 1, 8);
  int err = 0;
  std::array<std::byte, 8> buffer{};
  EXPECT_FALSE(queue.receive(buffer, nullptr, &err));
  EXPECT_EQ(err, EAGAIN);
  ASSERT_TRUE(queue.send(bytes_of("x"), 0));
  EXPECT_FALSE(queue.send(bytes_of("y"), 0, nullptr, &err));
  EXPECT_EQ(err, EAGAIN);
  const timespec past{0, 0};
  const Queue blocking = Queue::open(name, O_WRONLY);
  EXPECT_FALSE(blocking.send(bytes_of("y"), 0, &past, &err));
  EXPECT_EQ(err, ETIMEDOUT);
}

TEST_F(QueueTest, ThrowsSysErrorNamingTheQueue) {
  try {
    Queue::open(name, O_RDONLY);
    FAIL() << "opened a queue that does not exist";
  } catch (const SysError& error) {
    EXPECT_EQ(error.err(), ENOENT);
    EXPECT_EQ(error.object(), name);
  }
  EXPECT_THROW(Queue::unlink(name), SysError);
}
