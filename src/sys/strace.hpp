// `ipcdemo --strace ...`: the same command, its system calls shown by the real
// strace(1), filtered for IPC. The narration of -v is ipcdemo's own account of
// its calls; this is the kernel's: sem_open turns out to be an openat and a
// mmap, and an uncontended sem_post makes no system call at all.
//
// How: fork; the child waits on a pipe until strace has attached to it (strace
// -p CHILD, TracerPid set), then runs the command; the parent waits for the child
// and then for strace, and exits with the child's status. Attaching after start-up
// keeps the dynamic loader's and C++ runtime's calls out of the trace.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ipcdemo::sys {

// The -e trace= list: files in /dev/shm and what maps them, sizes them and waits on them.
std::string strace_filter();

// Returns std::nullopt in the traced child, which goes on to run the command, and
// the child's exit status in the parent. Throws Error when strace is missing or
// cannot attach (ptrace not permitted).
std::optional<int> fork_under_strace();

} // namespace ipcdemo::sys
