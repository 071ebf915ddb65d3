// The table of command groups, built from groups.def in its order.
#include "commands/groups.hpp"

#include <vector>

namespace ipcdemo {

std::span<const GroupSpec> registry() {
  // Built on first use, after logging is set up; the order is groups.def's order.
  static const std::vector<GroupSpec> groups = {
#define IPCDEMO_GROUP(name) commands::name##_group(),
#include "commands/groups.def"
#undef IPCDEMO_GROUP
  };
  return groups;
}

} // namespace ipcdemo
