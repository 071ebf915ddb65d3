// SPDX-License-Identifier: MIT
// `mmap maps --exec CMD`: how an address space is prepared. The command is run
// under ptrace: stopped right after execve (the kernel has mapped the program,
// its loader, the stack, vdso and vvar, nothing else) and again as it exits
// (PTRACE_O_TRACEEXIT: the loader has mapped the libraries, the program its heap).
#pragma once

#include <string>
#include <vector>

namespace ipcdemo::mmap {

// Runs `command` (argv[0] looked up in PATH) with standard input and output on
// /dev/null and prints both tables. A command still running after `patience_ms` is
// stopped, shown as it is, and killed. Its exit status is reported, not returned:
// a table shown is a success.
int show_exec_maps(const std::vector<std::string>& command, int patience_ms = 3000);

} // namespace ipcdemo::mmap
