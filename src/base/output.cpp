#include "base/output.hpp"

#include "base/error.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>

namespace ipcdemo::output {

void finish() {
  errno = 0;
  const bool flushed = std::fflush(stdout) == 0;
  const int err = errno;
  if (flushed && std::ferror(stdout) == 0) return;
  if (err == EPIPE) throw BrokenPipe();
  throw SysError("write", "standard output", err != 0 ? err : EIO);
}

} // namespace ipcdemo::output
