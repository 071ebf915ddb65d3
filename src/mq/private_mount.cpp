#include "mq/private_mount.hpp"

#include "base/error.hpp"
#include "sys/fd.hpp"
#include "sys/process.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace ipcdemo::mq {

namespace {

// In the child: everything goes to the pipe as one message, "ok TEXT" or "no WHY".
[[noreturn]] void child(int out, const std::string& path, const std::string& mount_point) {
  const auto answer = [out](const std::string& message) {
    [[maybe_unused]] const ssize_t written = ::write(out, message.data(), message.size());
    ::_exit(0);
  };
  const auto failed = [&answer](const char* call, const std::string& what) {
    answer(fmt::format("no {} {}: {}", call, what, std::strerror(errno)));
  };
  if (::unshare(CLONE_NEWNS) != 0) failed("unshare", "CLONE_NEWNS");
  // Without this, a mount could propagate back to the host's namespace (shared mounts).
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) failed("mount", "--make-rprivate /");
  if (::mount("mqueue", mount_point.c_str(), "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) != 0)
    failed("mount -t mqueue", mount_point);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) failed("open", path);
  char buffer[256];
  const ssize_t got = ::read(fd, buffer, sizeof buffer - 1);
  if (got < 0) failed("read", path);
  answer("ok " + std::string(buffer, static_cast<std::size_t>(got)));
  ::_exit(0); // answer() has exited already; this tells the compiler
}

} // namespace

std::variant<std::string, NotSeen> read_queue_file_privately(std::string_view canonical_name) {
  struct stat info {};
  if (::stat(private_mount_point, &info) != 0 || !S_ISDIR(info.st_mode))
    return NotSeen{fmt::format("{} is not a directory to mount on", private_mount_point)};
  const std::string path = std::string(private_mount_point) + std::string(canonical_name);
  std::optional<sys::Pipe> ends;
  pid_t pid = -1;
  std::fflush(stdout);
  std::fflush(stderr);
  try {
    ends.emplace(sys::pipe("the private mount's report"));
    pid = sys::fork("the private mount of the mqueue file system");
  } catch (const SysError& error) {
    return NotSeen{error.what()};
  }
  if (pid == 0) {
    ::close(ends->read.get());
    child(ends->write.get(), path, private_mount_point);
  }
  ends->write = sys::Fd();
  std::string message;
  char buffer[512];
  for (;;) {
    const ssize_t got = ::read(ends->read.get(), buffer, sizeof buffer);
    if (got > 0) {
      message.append(buffer, static_cast<std::size_t>(got));
      continue;
    }
    if (got < 0 && errno == EINTR) continue;
    break;
  }
  ends.reset();
  sys::reap(pid);
  if (message.starts_with("ok ")) {
    std::string text = message.substr(3);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
  }
  if (message.starts_with("no ")) return NotSeen{message.substr(3)};
  return NotSeen{"the child that mounts it ended without an answer"};
}

} // namespace ipcdemo::mq
