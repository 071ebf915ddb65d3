// SPDX-License-Identifier: MIT
// `mq info`: a queue's attributes (mq_getattr), owner and mode (fstat of the queue
// descriptor), and its file in the mqueue file system, read on the host's mount
// or, as root, through a private one (ipc/mqueue_fs.hpp).
#pragma once

#include <string>

namespace ipcdemo::mq {

// The report, one "key: value" a line; names shown escaped.
std::string info(const std::string& name);

} // namespace ipcdemo::mq
