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

void error_line(std::string_view line) noexcept {
  std::fflush(stdout); // what the command printed comes first
  std::fputs("ipcdemo: ", stderr);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fputc('\n', stderr);
  std::fflush(stderr);
}

} // namespace ipcdemo::output
