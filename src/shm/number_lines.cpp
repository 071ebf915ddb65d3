#include "shm/number_lines.hpp"

#include "base/error.hpp"
#include "base/output.hpp"
#include "base/signals.hpp"

#include <cerrno>
#include <charconv>
#include <cstdio>

namespace ipcdemo::shm {

NumberLines::NumberLines(bool flush_each_line) : flush_each_line_(flush_each_line) {
  // Full buffering even on a terminal when nothing paces the lines: a line-buffered
  // terminal would cost one write(2) per number.
  if (!flush_each_line_) std::setvbuf(stdout, nullptr, _IOFBF, 1 << 16);
}

void NumberLines::put(std::uint64_t value) {
  char line[24];
  const auto end = std::to_chars(line, line + sizeof line - 1, value).ptr;
  *end = '\n';
  const auto length = static_cast<std::size_t>(end + 1 - line);
  errno = 0;
  const bool written = fwrite_unlocked(line, 1, length, stdout) == length;
  const int err = errno; // stdio keeps only a flag: take the cause now
  if (written && !flush_each_line_) return;
  try {
    if (!written) output::failed(err);
    output::finish();
  } catch (const SysError&) {
    // A write blocked on a full pipe comes back with EINTR when Ctrl-C arrives:
    // that is an interruption (exit 130), not a failed write.
    signals::throw_if_interrupted();
    throw;
  }
}

} // namespace ipcdemo::shm
