// The table of command groups, in the order help, --list, completion and the man
// pages show them. A new group is one line here and one file beside this one.
#include "commands/groups.hpp"

#include <vector>

namespace ipcdemo {

std::span<const GroupSpec> registry() {
  // Built on first use, after logging is set up; the order is this list's order.
  static const std::vector<GroupSpec> groups = {
      // clang-format off
      commands::mmap_group(),
      commands::shm_group(),
      commands::sem_group(),
      commands::mq_group(),
      commands::ls_group(),
      commands::tour_group(),
      commands::bench_group(),
      commands::completion_group(),
      // clang-format on
  };
  return groups;
}

} // namespace ipcdemo
