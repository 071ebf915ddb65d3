// Standard output is checked before exit, as git does after every command: a
// failed write (a full disk, say) must not end with status 0.
#pragma once

#include <string_view>

namespace ipcdemo::output {

// Flushes stdout and reports a failure as a SysError; EPIPE throws BrokenPipe.
void finish();

// Writes "ipcdemo: LINE" and a newline to stderr, and never throws: stderr may be
// closed or unwritable, and then there is nobody left to tell (fmt::print would
// throw, and a throw while reporting an error ends in std::terminate).
void error_line(std::string_view line) noexcept;

} // namespace ipcdemo::output
