// One function per command group, each defined in its own file in this folder.
#pragma once

#include "registry.hpp"

namespace ipcdemo::commands {

GroupSpec mmap_group();
GroupSpec completion_group();
GroupSpec bench_group();

} // namespace ipcdemo::commands
