// SPDX-License-Identifier: MIT
// Numbers to standard output, one a line, fast enough that printing is never what
// limits a producer: each line is one to_chars and one unlocked fwrite, under the
// one stdout policy (base/output.hpp): flushed at once when the lines are paced.
#pragma once

#include "base/output.hpp"

#include <cstdint>

namespace ipcdemo::shm {

class NumberLines {
 public:
  explicit NumberLines(bool paced) : out_(paced) {}
  // Throws BrokenPipe when the reader left, SysError when writing failed.
  void put(std::uint64_t value);

 private:
  output::Records out_;
};

} // namespace ipcdemo::shm
