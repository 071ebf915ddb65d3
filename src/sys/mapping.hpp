// SPDX-License-Identifier: MIT
// A memory mapping that unmaps itself, with narrated mmap/munmap/madvise.
// Every live mapping is also known to a SIGBUS reporter: touching a page past the
// end of a file that shrank under us, or a page a full tmpfs cannot provide, ends
// the process with a clear one-line error naming the object and the real cause
// (after giving back any lock held, see Semaphore::Held), instead of a crash.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <string>

namespace ipcdemo::sys {

class Fd;

class Mapping {
 public:
  Mapping() = default;
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  Mapping(Mapping&& other) noexcept;
  Mapping& operator=(Mapping&& other) noexcept;
  ~Mapping() { unmap(); }

  // Whether the caller keeps `fd` open for as long as the mapping lives. The SIGBUS
  // reporter needs a descriptor of the file to tell truncation from a full file
  // system: a kept one is borrowed; otherwise it takes a private duplicate, which
  // `who` shows as a second descriptor of the process.
  enum class FdKept { no, yes };
  // mmap(NULL, length, prot, flags, fd, offset) of the object `fd` names.
  static Mapping of_file(const Fd& fd, std::size_t length, int prot, int flags, off_t offset = 0,
                         FdKept kept = FdKept::no);
  // mmap(NULL, length, prot, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0), described as `name`.
  static Mapping anonymous(std::size_t length, int prot, const std::string& name);
  // mmap(NULL, length, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS, -1, 0): memory
  // that a child made by fork shares with its parent.
  static Mapping shared_anonymous(std::size_t length, const std::string& name);

  void* data() const { return address_; }
  const char* bytes() const { return static_cast<const char*>(address_); }
  std::size_t size() const { return length_; }
  const std::string& name() const { return name_; }

  void advise(int advice) const;
  void unmap() noexcept;

 private:
  Mapping(void* address, std::size_t length, std::string name, int fd, off_t offset, FdKept kept);

  void* address_ = nullptr;
  std::size_t length_ = 0;
  std::string name_;
};

} // namespace ipcdemo::sys
