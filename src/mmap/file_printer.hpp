// SPDX-License-Identifier: MIT
// `mmap cat`: print files through a read-only private mapping instead of read().
#pragma once

#include "sys/fd.hpp"

#include <cstddef>
#include <string>

namespace ipcdemo {

class FilePrinter {
 public:
  // Files larger than this are mapped one window at a time.
  static constexpr std::size_t window = 64UL << 20;

  // How mapped bytes leave. `copy` keeps cat's promise: the reader gets the bytes
  // as they were when they were written. `zero_copy` vmsplices the mapped pages
  // into a pipe: the pipe then refers to the file's page cache, and a reader that
  // reads after the file changed gets the new bytes.
  enum class Mode { copy, zero_copy };

  // Decides once how bytes leave: vmsplice with Mode::zero_copy when `out_fd` is a
  // pipe, write(2) otherwise.
  explicit FilePrinter(int out_fd, Mode mode = Mode::copy);

  // Prints one file ("-" is standard input). Throws SysError on failure.
  void print(const std::string& path);

 private:
  // Returns false, having printed nothing, when the file cannot be mapped (ENODEV:
  // sysfs and other file systems without mmap).
  bool print_mapped(sys::Fd& fd, std::size_t size);
  // Returns the number of bytes copied.
  std::size_t print_read(int fd, const std::string& name);

  int out_fd_;
  bool out_is_pipe_;
  bool splice_;                 // zero_copy into a pipe
  bool path_explained_ = false; // -v says once which way mapped bytes leave
  bool pipe_grown_ = false;
};

} // namespace ipcdemo
