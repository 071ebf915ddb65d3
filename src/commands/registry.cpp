// The table of command groups, in the order help, --list, completion and the man
// pages show them. A new group is one line here and one file beside this one.
#include "commands/groups.hpp"

#include <vector>

namespace ipcdemo {

std::span<const GroupSpec> registry() {
  // Built on first use, after logging is set up; the order is this list's order.
  static const std::vector<GroupSpec> groups = {
      commands::mmap_group(),
      commands::completion_group(),
      commands::bench_group(),
  };
  return groups;
}

} // namespace ipcdemo
