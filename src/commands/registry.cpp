// SPDX-License-Identifier: MIT
// The table of command groups, built from groups.def in its order.
#include "commands/groups.hpp"

#include <array>
#include <optional>
#include <vector>

namespace ipcdemo {

namespace {

struct GroupMaker {
  std::string_view name;
  GroupSpec (*make)();
};

constexpr GroupMaker makers[] = {
#define IPCDEMO_GROUP(name) {#name, &commands::name##_group},
#include "commands/groups.def"
#undef IPCDEMO_GROUP
};

} // namespace

std::span<const GroupSpec> registry() {
  // Built on first use, after logging is set up; the order is groups.def's order.
  static const std::vector<GroupSpec> groups = {
#define IPCDEMO_GROUP(name) commands::name##_group(),
#include "commands/groups.def"
#undef IPCDEMO_GROUP
  };
  return groups;
}

std::span<const GroupSpec> group_named(std::string_view name) {
  // Each built once, on first use, apart from the whole table.
  static std::array<std::optional<GroupSpec>, std::size(makers)> built;
  for (std::size_t i = 0; i < std::size(makers); ++i) {
    if (makers[i].name != name) continue;
    if (!built[i]) built[i] = makers[i].make();
    return {&*built[i], 1};
  }
  return {};
}

} // namespace ipcdemo
