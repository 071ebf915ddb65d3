// SPDX-License-Identifier: MIT
// One function per command group, each defined in its own file in this folder
// and listed once in groups.def.
#pragma once

#include "cli/spec.hpp"

namespace ipcdemo::commands {

#define IPCDEMO_GROUP(name) GroupSpec name##_group();
#include "commands/groups.def"
#undef IPCDEMO_GROUP

} // namespace ipcdemo::commands
