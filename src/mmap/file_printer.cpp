// SPDX-License-Identifier: MIT
#include "mmap/file_printer.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "sys/mapping.hpp"
#include "sys/narrate.hpp"
#include "sys/transfer.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

namespace ipcdemo {

namespace {

constexpr std::size_t pipe_size = 1UL << 20;   // Linux's default pipe-max-size
constexpr std::size_t small_file = 64UL << 10; // fits a default pipe
constexpr std::size_t read_buffer_size = 128UL << 10;
const std::string standard_output = "standard output";

std::string_view file_type(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a pipe";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

} // namespace

FilePrinter::FilePrinter(int out_fd, Mode mode)
    : out_fd_(out_fd), out_is_pipe_(sys::is_pipe(out_fd)), splice_(mode == Mode::zero_copy && out_is_pipe_) {}

void FilePrinter::print(const std::string& path) {
  if (path == "-") {
    log::info("standard input: a stream cannot be mapped; reading it with read()");
    print_read(STDIN_FILENO, "standard input");
    return;
  }
  sys::Fd fd = sys::open(path, O_RDONLY);
  const struct stat info = sys::fstat(fd);
  if (!S_ISREG(info.st_mode)) {
    // read() gives a directory its proper error (EISDIR), as cat reports it.
    if (!S_ISDIR(info.st_mode))
      log::info("{} is {}: it cannot be mapped; reading it with read()", path, file_type(info.st_mode));
    print_read(fd.get(), path);
    return;
  }
  if (info.st_size == 0) {
    // mmap() of length 0 fails with EINVAL. Files in /proc report size 0 yet have
    // content, so read() them: an empty file simply prints nothing.
    log::debug("{} has size 0: nothing to map (mmap of length 0 is EINVAL); trying read()", path);
    if (const std::size_t bytes = print_read(fd.get(), path); bytes > 0)
      log::info(
          "{} reports size 0 but held {} bytes (a generated file, as in /proc): read() them, "
          "because a mapping of length 0 is impossible",
          path, bytes);
    return;
  }
  if (print_mapped(fd, static_cast<std::size_t>(info.st_size))) return;
  // sysfs files report a size (4096) yet have no mmap: read them as cat would.
  log::info("{} cannot be mapped (mmap: {}): reading it with read()", path, std::strerror(ENODEV));
  print_read(fd.get(), path);
}

bool FilePrinter::print_mapped(sys::Fd& fd, std::size_t size) {
  // A larger pipe means fewer vmsplice calls for a large file; for a small one,
  // allocating the larger pipe would cost more than it saves.
  if (out_is_pipe_ && !pipe_grown_ && size > small_file) {
    pipe_grown_ = true;
    sys::grow_pipe(out_fd_, pipe_size);
  }
  const std::string name = fd.name();
  for (std::size_t offset = 0; offset < size; offset += window) {
    const std::size_t length = std::min(window, size - offset);
    sys::Mapping mapping;
    try {
      mapping = sys::Mapping::of_file(fd, length, PROT_READ, MAP_PRIVATE, static_cast<off_t>(offset));
    } catch (const SysError& error) {
      if (error.err() == ENODEV && offset == 0) return false;
      throw;
    }
    if (!path_explained_) {
      path_explained_ = true;
      if (splice_)
        narrate::note("--zero-copy: vmsplice() hands the mapped pages to the pipe, no copy");
      else
        narrate::note("write() copies the mapped bytes into the kernel, for stdout's reader");
    }
    if (size > window) mapping.advise(MADV_SEQUENTIAL);
    // The mapping keeps the file alive: once the last window is mapped, the
    // descriptor has done its job (the screenplay closes it right after mmap).
    if (offset + length >= size) fd.close();
    try {
      if (splice_)
        sys::splice_all(out_fd_, standard_output, mapping.bytes(), length);
      else
        sys::write_all(out_fd_, standard_output, mapping.bytes(), length);
    } catch (const SysError& error) {
      // The kernel could not read our mapping: its pages lie past the end of a
      // file that was truncated after we mapped it.
      if (error.err() != EFAULT) throw;
      throw SysError(error.call(), name, EFAULT, "the file was truncated while it was being printed");
    }
  }
  return true;
}

std::size_t FilePrinter::print_read(int fd, const std::string& name) {
  // A reused buffer must be copied (write), never spliced: the pipe would keep
  // referring to pages we overwrite with the next read.
  // Left uninitialised, as std::make_unique_for_overwrite would leave it (which
  // libc++ lacks before LLVM 16): no page of it is touched before a read fills it.
  const std::unique_ptr<char[]> buffer(new char[read_buffer_size]);
  std::size_t total = 0;
  for (;;) {
    const std::size_t got = sys::read(fd, name, buffer.get(), read_buffer_size);
    if (got == 0) break;
    sys::write_all(out_fd_, standard_output, buffer.get(), got);
    total += got;
  }
  log::debug("{}: {} bytes copied by read() and write()", name, total);
  return total;
}

} // namespace ipcdemo
