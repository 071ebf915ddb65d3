// Numbers to standard output, one a line, fast enough that printing is never what
// limits a producer: stdout is fully buffered and each line is one to_chars and one
// unlocked fwrite. When lines are paced, each is flushed so a reader sees it at once.
#pragma once

#include <cstdint>

namespace ipcdemo::shm {

class NumberLines {
 public:
  explicit NumberLines(bool flush_each_line);
  // Throws BrokenPipe when the reader left, SysError when writing failed.
  void put(std::uint64_t value);

 private:
  bool flush_each_line_;
};

} // namespace ipcdemo::shm
