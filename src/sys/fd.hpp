// SPDX-License-Identifier: MIT
// A file descriptor that closes itself, and the narrated calls made on it.
#pragma once

#include <poll.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace ipcdemo::sys {

class Fd {
 public:
  Fd() = default;
  Fd(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd(Fd&& other) noexcept;
  Fd& operator=(Fd&& other) noexcept;
  ~Fd() { close(); }

  int get() const { return fd_; }
  const std::string& name() const { return name_; }
  // The object the descriptor stands for in messages (an unnamed file, once linked).
  void rename(std::string name) { name_ = std::move(name); }
  bool valid() const { return fd_ >= 0; }
  // Narrated close; closing early (the screenplay closes right after mmap) is allowed.
  void close() noexcept;

 private:
  int fd_ = -1;
  std::string name_;
};

// Descriptors closed together: one close_range(2) per run of consecutive numbers
// instead of one close(2) each. `ls` of 1,000 queues opens 1,000 descriptors, and
// closing them one by one cost more than the opens (docs/ls-scale.md). Only the
// descriptors added are closed, never one that lies between them; at most
// `capacity` wait, far below RLIMIT_NOFILE.
class CloseBatch {
 public:
  explicit CloseBatch(std::size_t capacity = 64) : capacity_(capacity) { fds_.reserve(capacity); }
  CloseBatch(const CloseBatch&) = delete;
  CloseBatch& operator=(const CloseBatch&) = delete;
  CloseBatch(CloseBatch&&) = delete;
  CloseBatch& operator=(CloseBatch&&) = delete;
  ~CloseBatch() { close_all(); }

  // Takes `fd` over; closes the batch first when it is full.
  void add(int fd);
  // Narrated close_range of each run (close(2) each where the kernel has no close_range).
  void close_all() noexcept;

 private:
  std::vector<int> fds_;
  std::size_t capacity_;
};

// open(2); throws SysError naming the path. O_CLOEXEC is always added.
Fd open(const std::string& path, int flags, mode_t mode = 0);
// fstat(2) on an open descriptor.
struct stat fstat(const Fd& fd);
// fstat(2) on a descriptor this process does not own (standard output, say); `name` for errors.
struct stat fstat(int fd, const std::string& name);
// stat(2) of a path; throws SysError naming it.
struct stat stat(const std::string& path);
// lstat(2): a symbolic link is described, never followed.
struct stat lstat(const std::string& path);
// The same of NAME in a directory already open: fstatat(directory, NAME,
// AT_SYMLINK_NOFOLLOW), without walking the directory's path again for each
// file (ls stats thousands). `path` names the file in errors.
struct stat lstat_at(const Fd& directory, const std::string& name, const std::string& path);
// Gives the unnamed file `fd` (opened with O_TMPFILE) the name PATH with linkat(2)
// of /proc/self/fd/N, or AT_EMPTY_PATH where /proc is missing. False when PATH
// already exists (EEXIST), whatever it is: nothing is replaced or followed.
bool link_unnamed(const Fd& fd, const std::string& path);
// read(2) once, retrying on EINTR unless a signal asks us to stop; 0 at end of file.
std::size_t read(int fd, const std::string& name, void* buffer, std::size_t size);
// Everything up to end of file (a /proc file, whose size stat does not tell), read
// straight into the string: no buffer on the stack, which a small ulimit -s may not hold.
std::string read_to_end(int fd, const std::string& name);

// pipe2(O_CLOEXEC): the two ends, each closing itself; `name` describes the pipe in errors.
struct Pipe {
  Fd read;
  Fd write;
};
Pipe pipe(const std::string& name);

// poll(2) on `fds` for at most `timeout_ms` (-1: no limit); the number of ready
// descriptors. A signal that ends us throws Interrupted; any other signal returns 0
// (nothing ready), so that the caller's loop looks again.
int poll(std::span<pollfd> fds, int timeout_ms);

// pread(2) once at `offset`, retrying on EINTR like read; 0 at end of file.
std::size_t pread(int fd, const std::string& name, void* buffer, std::size_t size, off_t offset);

} // namespace ipcdemo::sys
