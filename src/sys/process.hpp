// SPDX-License-Identifier: MIT
// Processes: starting one (posix_spawn, fork), signalling it (kill) and reaping it
// (waitpid), narrated so that `-v` shows the tour's and bench's second processes
// come and go.
#pragma once

#include <spawn.h>
#include <sys/resource.h>
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace ipcdemo::sys {

// The descriptor set-up a spawned child does before exec (posix_spawn_file_actions_t).
class SpawnActions {
 public:
  SpawnActions();
  SpawnActions(const SpawnActions&) = delete;
  SpawnActions& operator=(const SpawnActions&) = delete;
  SpawnActions(SpawnActions&&) = delete;
  SpawnActions& operator=(SpawnActions&&) = delete;
  ~SpawnActions();

  // In the child: dup2(fd, target).
  void dup2(int fd, int target);
  // In the child: open(path, flags) as descriptor `target`.
  void open(int target, const std::string& path, int flags);

  const posix_spawn_file_actions_t* get() const { return &actions_; }
  // What the actions do, for the narration: [dup2(4, 1), open(0, "/etc/passwd", O_RDONLY)].
  std::string description() const;

 private:
  posix_spawn_file_actions_t actions_{};
  std::vector<std::string> steps_;
};

// posix_spawn(path, argv, actions, environ); returns the child's PID. Throws
// SysError naming `name` when the process could not be started.
pid_t spawn(const std::string& name, const std::string& path, const std::vector<std::string>& argv,
            const SpawnActions& actions);

// fork(2); 0 in the child. Throws SysError naming `name`.
pid_t fork(const std::string& name);

// kill(2). False (and no exception) when the process is gone already: callers
// use it to stop a child they are about to reap.
bool kill(pid_t pid, int signo) noexcept;

// waitpid(2) for `pid`: the raw status (decode with WIFEXITED and friends), or
// nothing with WNOHANG while the process still runs. EINTR: Interrupted on
// SIGINT/SIGTERM, otherwise it waits on. Throws SysError naming `name`.
std::optional<int> waitpid(pid_t pid, int options, const std::string& name);

// waitpid(pid, 0) in a destructor: waits through every signal and never throws.
void reap(pid_t pid) noexcept;

// getrlimit(2): this process's soft and hard limit of `resource`; nothing when
// the kernel does not know it. Not narrated: it reads, and changes nothing.
std::optional<rlimit> resource_limit(int resource);

} // namespace ipcdemo::sys
