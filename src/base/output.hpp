// Standard output is checked before exit, as git does after every command: a
// failed write (a full disk, say) must not end with status 0, and the error names
// the real cause (ENOSPC, EBADF), never a generic EIO.
#pragma once

namespace ipcdemo::output {

// Flushes stdout and reports a failure as a SysError; EPIPE throws BrokenPipe.
void finish();

// A write to stdout failed with `err` (errno right after the failed call; 0 when
// unknown): throws BrokenPipe for EPIPE, else SysError naming the cause.
[[noreturn]] void failed(int err);

} // namespace ipcdemo::output
