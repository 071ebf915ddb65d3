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

  // Decides once how bytes leave: vmsplice when `out_fd` is a pipe, write otherwise.
  explicit FilePrinter(int out_fd);

  // Prints one file ("-" is standard input). Throws SysError on failure.
  void print(const std::string& path);

 private:
  void print_mapped(sys::Fd& fd, std::size_t size);
  // Returns the number of bytes copied.
  std::size_t print_read(int fd, const std::string& name);

  int out_fd_;
  bool out_is_pipe_;
  bool path_explained_ = false; // -v says once which way mapped bytes leave
  bool pipe_grown_ = false;
};

} // namespace ipcdemo
