// Standard output is checked before exit, as git does after every command: a
// failed write (a full disk, say) must not end with status 0.
#pragma once

namespace ipcdemo::output {

// Flushes stdout and reports a failure as a SysError; EPIPE throws BrokenPipe.
void finish();

} // namespace ipcdemo::output
