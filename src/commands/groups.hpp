// One function per command group, each defined in its own file in this folder.
#pragma once

#include "registry.hpp"

namespace ipcdemo::commands {

GroupSpec mmap_group();
GroupSpec shm_group();
GroupSpec sem_group();
GroupSpec completion_group();
GroupSpec tour_group();
GroupSpec ls_group();
GroupSpec mq_group();
GroupSpec bench_group();

} // namespace ipcdemo::commands
