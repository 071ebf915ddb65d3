// SPDX-License-Identifier: MIT
// The one policy for standard output, for every command:
// - What a command prints goes through stdio, record by record (a line, a
//   received message), with put().
// - A command that waits between records (an interval, a blocking receive) is
//   watched as it runs: each record is flushed as soon as it is complete, so a
//   terminal, a pipe or `tail -f` on a file sees it at once. Otherwise, and when
//   the output is thrown away (/dev/null), stdout is fully buffered: printing is
//   then never what limits the command.
// - A failed write ends the command: EPIPE (the reader left) quietly with
//   status 0 via BrokenPipe, as cat does; a write interrupted by SIGINT/SIGTERM
//   as Interrupted; anything else as a SysError naming standard output.
// - Errors go to stderr as one line each (report()).
// - Dispatch flushes and checks stdout before it exits (finish(), as git does),
//   so a full disk never ends with status 0.
// The one exception is bulk data: `mmap cat` hands mapped pages to the
// descriptor itself (sys::write_all, sys::splice_all), with the same error rules.
//
// Standard output is checked before exit, as git does after every command: a
// failed write (a full disk, say) must not end with status 0, and the error names
// the real cause (ENOSPC, EBADF), never a generic EIO.
#pragma once

#include <string_view>

namespace ipcdemo {
class Error;
}

namespace ipcdemo::output {

// Makes stdout a stream whose writes are ours (fopencookie), called first thing
// in main. stdio writes the rest of a partial write(2) until all is out, so a
// signal that cut short a write to a full pipe would be swallowed until the
// reader reads, maybe never; ours stops when a signal is pending, and the
// command ends as Interrupted (exit 128 + n). Line-buffered on a terminal, as
// glibc's own stdout. Where the stream cannot be made, glibc's stays.
void take_stdout();

// Flushes stdout and reports a failure as a SysError; EPIPE throws BrokenPipe.
void finish();

// Prints the one line "ipcdemo: <what failed>: <cause>[; hint]" on stderr,
// after flushing stdout so that the two keep their order in a terminal, and
// returns the error's exit code. Dispatch uses it for the error that ends a
// command; a command that goes on after an error (mmap cat) for each one.
int report(const Error& error);

class Records {
 public:
  // `waits_between`: the command waits before its next record (see above).
  explicit Records(bool waits_between);
  // Writes one whole record; flushes it when records are watched.
  void put(std::string_view record);
  bool flushes_each() const { return flush_each_; }

 private:
  bool flush_each_;
};

// Writes "ipcdemo: LINE" and a newline to stderr, and never throws: stderr may be
// closed or unwritable, and then there is nobody left to tell (fmt::print would
// throw, and a throw while reporting an error ends in std::terminate).
void error_line(std::string_view line) noexcept;

// A write to stdout failed with `err` (errno right after the failed call; 0 when
// unknown): throws Interrupted when a signal cut it short, BrokenPipe for EPIPE,
// else SysError naming the cause.
[[noreturn]] void failed(int err);

} // namespace ipcdemo::output
