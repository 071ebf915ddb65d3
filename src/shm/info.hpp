// SPDX-License-Identifier: MIT
// `shm info`: a segment's file as fstat sees it, and what its counter says.
#pragma once

#include <string>

namespace ipcdemo::shm {

// Opens NAME O_RDONLY (a planted file is refused) and prints its path, size,
// allocated bytes, mode, owner and group, then the counter and the attempts
// (or why there is no counter), one "key: value" a line; names shown escaped.
void print_info(const std::string& name);

} // namespace ipcdemo::shm
