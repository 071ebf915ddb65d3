// SPDX-License-Identifier: MIT
// The transports bench sets up (sockets, FIFOs, eventfd) against the real kernel:
// TCP stays on 127.0.0.1, a FIFO leaves no name behind, boundaries hold where
// the socket type promises them.
#include "base/error.hpp"
#include "sys/eventfd.hpp"
#include "sys/fifo.hpp"
#include "sys/socket.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

using namespace ipcdemo;

namespace {

std::string address_of(int fd, bool peer) {
  sockaddr_in address{};
  socklen_t length = sizeof address;
  auto* raw = reinterpret_cast<sockaddr*>(&address);
  EXPECT_EQ(peer ? getpeername(fd, raw, &length) : getsockname(fd, raw, &length), 0);
  char text[INET_ADDRSTRLEN] = "";
  inet_ntop(AF_INET, &address.sin_addr, text, sizeof text);
  return text;
}

int no_delay(int fd) {
  int value = 0;
  socklen_t length = sizeof value;
  EXPECT_EQ(getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &value, &length), 0);
  return value;
}

// TMPDIR pointed at a fresh directory for one test, and put back after it.
class PrivateTmp {
 public:
  PrivateTmp() {
    std::string pattern = std::filesystem::temp_directory_path().string() + "/ipcdemo-unit-XXXXXX";
    path_ = mkdtemp(pattern.data());
    if (const char* old = std::getenv("TMPDIR")) old_ = old;
    setenv("TMPDIR", path_.c_str(), 1);
  }
  PrivateTmp(const PrivateTmp&) = delete;
  PrivateTmp& operator=(const PrivateTmp&) = delete;
  PrivateTmp(PrivateTmp&&) = delete;
  PrivateTmp& operator=(PrivateTmp&&) = delete;
  ~PrivateTmp() {
    if (old_.empty())
      unsetenv("TMPDIR");
    else
      setenv("TMPDIR", old_.c_str(), 1);
    std::filesystem::remove_all(path_);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string old_;
};

bool empty(const std::string& directory) { return std::filesystem::is_empty(directory); }

} // namespace

TEST(SysSocket, TcpPairIsOnLoopbackBothWaysWithNoDelay) {
  const sys::SocketPair pair = sys::tcp_loopback_pair("test tcp");
  for (const int fd : {pair.first.get(), pair.second.get()}) {
    EXPECT_EQ(address_of(fd, false), "127.0.0.1");
    EXPECT_EQ(address_of(fd, true), "127.0.0.1");
    EXPECT_EQ(no_delay(fd), 1);
  }
  ASSERT_EQ(write(pair.first.get(), "ping", 4), 4);
  char buffer[8] = {};
  ASSERT_EQ(read(pair.second.get(), buffer, sizeof buffer), 4);
  EXPECT_EQ(std::string(buffer, 4), "ping");
}

TEST(SysSocket, SeqpacketKeepsMessageBoundariesAndStreamDoesNot) {
  const sys::SocketPair packets = sys::socketpair(SOCK_SEQPACKET, "test seqpacket");
  const sys::SocketPair bytes = sys::socketpair(SOCK_STREAM, "test stream");
  for (const auto* pair : {&packets, &bytes}) {
    ASSERT_EQ(write(pair->first.get(), "abc", 3), 3);
    ASSERT_EQ(write(pair->first.get(), "defgh", 5), 5);
  }
  char buffer[16] = {};
  EXPECT_EQ(read(packets.second.get(), buffer, sizeof buffer), 3); // one message per read
  EXPECT_EQ(read(bytes.second.get(), buffer, sizeof buffer), 8);   // a stream runs them together
}

TEST(SysFifo, LeavesNoNameBehindAndCarriesBytes) {
  const PrivateTmp tmp;
  std::string directory_path;
  {
    const sys::PrivateDirectory directory("ipcdemo-unit-fifo-");
    directory_path = directory.path();
    EXPECT_EQ(directory_path.rfind(tmp.path() + "/ipcdemo-unit-fifo-", 0), 0U) << directory_path;
    struct stat status {};
    ASSERT_EQ(stat(directory_path.c_str(), &status), 0);
    EXPECT_EQ(status.st_mode & 0777, 0700U);
    const sys::FifoEnds ends = sys::fifo(directory, "ping");
    EXPECT_TRUE(empty(directory_path)); // unlinked as soon as both ends are open
    ASSERT_EQ(write(ends.write.get(), "x", 1), 1);
    char c = 0;
    ASSERT_EQ(read(ends.read.get(), &c, 1), 1); // blocking again, and the byte is there
    EXPECT_EQ(c, 'x');
  }
  EXPECT_FALSE(std::filesystem::exists(directory_path));
  EXPECT_TRUE(empty(tmp.path()));
}

TEST(SysEventfd, AReadTakesTheWholeCount) {
  const sys::Fd fd = sys::eventfd("test eventfd");
  const std::uint64_t three = 3;
  ASSERT_EQ(write(fd.get(), &three, sizeof three), 8);
  ASSERT_EQ(write(fd.get(), &three, sizeof three), 8);
  std::uint64_t count = 0;
  ASSERT_EQ(read(fd.get(), &count, sizeof count), 8);
  EXPECT_EQ(count, 6U);
}
