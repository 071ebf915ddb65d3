// SPDX-License-Identifier: MIT
#include "sys/private_mount.hpp"

#include "sys/narrate.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ipcdemo::sys {

namespace {

// In the child: only async-signal-safe calls, then _exit. Sends the reason a
// step failed, or the mount point used with the directory's descriptor.
[[noreturn]] void child(int socket, const char* type, const char* preferred) {
  const char* failed = nullptr;
  const char* used = nullptr;
  int dir = -1;
  // Any existing directory will do as the mount point: the mount is seen only here.
  const char* points[] = {preferred, "/tmp", "/mnt", "/dev", "/"};
  if (::unshare(CLONE_NEWNS) != 0) {
    failed = "unshare CLONE_NEWNS";
  } else if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    // Without this, the mount could propagate back to the host's namespace (shared mounts).
    failed = "mount --make-rprivate /";
  } else {
    failed = "mount";
    for (const char* point : points) {
      if (point[0] == '\0') continue;
      if (::mount(type, point, type, MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) == 0) {
        dir = ::open(point, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        failed = dir < 0 ? "open" : nullptr;
        used = point;
        break;
      }
    }
  }
  const int err = errno;
  char reason[160] = {};
  if (failed != nullptr) {
    std::strncat(reason, failed, sizeof reason - 3);
    std::strncat(reason, ": ", sizeof reason - std::strlen(reason) - 1);
    std::strncat(reason, ::strerrordesc_np(err) ? ::strerrordesc_np(err) : "?",
                 sizeof reason - std::strlen(reason) - 1);
  } else {
    std::strncat(reason, used, sizeof reason - std::strlen(reason) - 1);
  }
  msghdr message{};
  iovec part{reason, sizeof reason};
  message.msg_iov = &part;
  message.msg_iovlen = 1;
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  if (dir >= 0) {
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    cmsghdr* header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(header), &dir, sizeof dir);
  }
  const bool sent = ::sendmsg(socket, &message, 0) >= 0;
  ::_exit(sent && dir >= 0 ? 0 : 1);
}

} // namespace

std::optional<PrivateMount> mount_privately(const std::string& type, const std::string& preferred,
                                            std::string& why) {
  int sockets[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sockets) != 0) {
    why = std::string("socketpair: ") + std::strerror(errno);
    return std::nullopt;
  }
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(sockets[0]);
    child(sockets[1], type.c_str(), preferred.c_str());
  }
  const int fork_err = errno;
  ::close(sockets[1]);
  if (pid < 0) {
    ::close(sockets[0]);
    why = std::string("fork: ") + std::strerror(fork_err);
    return std::nullopt;
  }
  char reason[160] = {};
  msghdr message{};
  iovec part{reason, sizeof reason - 1};
  message.msg_iov = &part;
  message.msg_iovlen = 1;
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  message.msg_control = control;
  message.msg_controllen = sizeof control;
  ssize_t got = -1;
  do got = ::recvmsg(sockets[0], &message, MSG_CMSG_CLOEXEC);
  while (got < 0 && errno == EINTR);
  ::close(sockets[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  int dir = -1;
  if (got > 0)
    for (cmsghdr* header = CMSG_FIRSTHDR(&message); header != nullptr; header = CMSG_NXTHDR(&message, header))
      if (header->cmsg_level == SOL_SOCKET && header->cmsg_type == SCM_RIGHTS)
        std::memcpy(&dir, CMSG_DATA(header), sizeof dir);
  if (narrate::on())
    narrate::emit(
        "mount",
        fmt::format("{}, <private namespace>{}, {}, MS_NOSUID|MS_NODEV|MS_NOEXEC, NULL",
                    narrate::quoted(type), dir >= 0 ? std::string(":") + reason : "", narrate::quoted(type)),
        dir >= 0 ? fmt::format("0 (directory passed back as fd {})", dir) : std::string(reason));
  if (dir < 0) {
    why = reason[0] != '\0' ? reason : "the child ended without a directory";
    return std::nullopt;
  }
  return PrivateMount{.directory = Fd(dir, "private " + type + " mount"), .point = reason};
}

} // namespace ipcdemo::sys
