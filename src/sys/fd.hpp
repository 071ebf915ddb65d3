// A file descriptor that closes itself, and the narrated calls made on it.
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <cstddef>
#include <string>

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
  bool valid() const { return fd_ >= 0; }
  // Narrated close; closing early (the screenplay closes right after mmap) is allowed.
  void close() noexcept;

 private:
  int fd_ = -1;
  std::string name_;
};

// open(2); throws SysError naming the path. O_CLOEXEC is always added.
Fd open(const std::string& path, int flags, mode_t mode = 0);
// fstat(2) on an open descriptor.
struct stat fstat(const Fd& fd);
// stat(2) of a path; throws SysError naming it.
struct stat stat(const std::string& path);
// read(2) once, retrying on EINTR unless a signal asks us to stop; 0 at end of file.
std::size_t read(int fd, const std::string& name, void* buffer, std::size_t size);

// pread(2) once at `offset`, retrying on EINTR like read; 0 at end of file.
std::size_t pread(int fd, const std::string& name, void* buffer, std::size_t size, off_t offset);

} // namespace ipcdemo::sys
