// SPDX-License-Identifier: MIT
// Where the two processes of a measurement run: on two different CPUs (split),
// both on one CPU (same), or wherever the scheduler puts them (any).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace ipcdemo::bench {

enum class Placement { split, same, any };

std::string_view placement_name(Placement placement);

// The CPUs this process may run on (sched_getaffinity), ascending.
std::vector<int> usable_cpus();

struct Pinning {
  Placement placement = Placement::any;
  std::optional<int> parent_cpu; // nothing: not pinned
  std::optional<int> child_cpu;
  // Only one CPU for both processes: a spin cannot succeed until the scheduler
  // preempts the spinner, so bounded spin phases are skipped.
  bool one_cpu = false;
};

// The pinning for `placement` given the usable CPUs; throws UsageError when
// split is asked for with fewer than two.
Pinning pinning_for(Placement placement, const std::vector<int>& usable);

// sched_setaffinity(0) to one CPU; throws SysError.
void pin_to(int cpu);

// Restores this process's CPU mask when it goes out of scope.
class AffinityGuard {
 public:
  AffinityGuard();
  AffinityGuard(const AffinityGuard&) = delete;
  AffinityGuard& operator=(const AffinityGuard&) = delete;
  AffinityGuard(AffinityGuard&&) = delete;
  AffinityGuard& operator=(AffinityGuard&&) = delete;
  ~AffinityGuard();

 private:
  std::vector<int> saved_;
};

} // namespace ipcdemo::bench
