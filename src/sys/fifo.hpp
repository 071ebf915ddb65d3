// SPDX-License-Identifier: MIT
// Named pipes for bench: made in a private directory (mkdtemp, 0700), opened at
// both ends, and unlinked at once, so that no FIFO outlives its set-up, even
// when the process is killed right after.
#pragma once

#include "sys/fd.hpp"

#include <string>

namespace ipcdemo::sys {

// mkdtemp(3) under $TMPDIR (else /tmp): a directory only this user can enter;
// rmdir(2) when the object goes out of scope.
class PrivateDirectory {
 public:
  explicit PrivateDirectory(const std::string& prefix);
  PrivateDirectory(const PrivateDirectory&) = delete;
  PrivateDirectory& operator=(const PrivateDirectory&) = delete;
  PrivateDirectory(PrivateDirectory&&) = delete;
  PrivateDirectory& operator=(PrivateDirectory&&) = delete;
  ~PrivateDirectory();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct FifoEnds {
  Fd read;
  Fd write;
};

// mkfifo(DIR/LEAF, 0600), both ends opened (the reading end first, non-blocking,
// so that opening the writing end does not wait for a reader; then made blocking
// again), and unlink: the FIFO lives on only in the two descriptors.
FifoEnds fifo(const PrivateDirectory& directory, const std::string& leaf);

} // namespace ipcdemo::sys
