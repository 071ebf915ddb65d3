// SPDX-License-Identifier: MIT
// Moving bytes from memory to a descriptor: write(2), which copies them into the
// kernel, and vmsplice(2), which hands whole pages to a pipe without copying.
#pragma once

#include <cstddef>
#include <string>

namespace ipcdemo::sys {

// write(2) until every byte is out, looping over partial writes and EINTR.
// EPIPE throws BrokenPipe (the reader left); other errors throw SysError naming `name`.
void write_all(int fd, const std::string& name, const char* data, std::size_t size);

// vmsplice(2) until every byte is in the pipe `fd`. The pipe then refers to the
// caller's pages, so they must stay unchanged: use it only for read-only file mappings.
void splice_all(int fd, const std::string& name, const char* data, std::size_t size);

bool is_pipe(int fd);

// F_SETPIPE_SZ, best effort: a larger pipe means fewer calls. Returns the capacity.
std::size_t grow_pipe(int fd, std::size_t wanted);

} // namespace ipcdemo::sys
