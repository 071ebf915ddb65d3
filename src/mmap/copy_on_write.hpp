// SPDX-License-Identifier: MIT
// `mmap cow`: copy-on-write made visible. A file is mapped twice, MAP_SHARED
// (the file's own pages, as every process sees them) and MAP_PRIVATE writable;
// a write into the private mapping copies its page, and /proc/self/smaps shows
// the page turn from the file's (Shared_Clean) into our own (Private_Dirty),
// while the shared mapping and the file keep the old bytes.
#pragma once

#include <string>

namespace ipcdemo::mmap {

// Prints each step; `text` is written at the start of the private mapping.
// The file is opened O_RDONLY: a private mapping never writes back.
void show_copy_on_write(const std::string& path, const std::string& text);

} // namespace ipcdemo::mmap
