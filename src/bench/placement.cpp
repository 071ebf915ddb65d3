// SPDX-License-Identifier: MIT
#include "bench/placement.hpp"

#include "base/error.hpp"

#include <sched.h>

#include <fmt/format.h>

#include <cerrno>

namespace ipcdemo::bench {

namespace {
void set_mask(const std::vector<int>& cpus) {
  cpu_set_t set;
  CPU_ZERO(&set);
  for (const int cpu : cpus) CPU_SET(cpu, &set);
  if (sched_setaffinity(0, sizeof set, &set) != 0)
    throw SysError("sched_setaffinity", fmt::format("CPU {}", fmt::join(cpus, ",")), errno);
}
} // namespace

std::string_view placement_name(Placement placement) {
  switch (placement) {
    case Placement::split: return "split";
    case Placement::same: return "same";
    case Placement::any: return "any";
  }
  return "any";
}

std::vector<int> usable_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) != 0) throw SysError("sched_getaffinity", "this process", errno);
  std::vector<int> cpus;
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
    if (CPU_ISSET(cpu, &set)) cpus.push_back(cpu);
  return cpus;
}

Pinning pinning_for(Placement placement, const std::vector<int>& usable) {
  switch (placement) {
    case Placement::split:
      if (usable.size() < 2)
        throw UsageError(fmt::format("--cpus split needs two usable CPUs; this process may use only CPU {}",
                                     fmt::join(usable, ",")),
                         "use --cpus same, or run it without taskset");
      return {.placement = placement, .parent_cpu = usable[0], .child_cpu = usable[1], .one_cpu = false};
    case Placement::same:
      return {.placement = placement, .parent_cpu = usable[0], .child_cpu = usable[0], .one_cpu = true};
    case Placement::any: break;
  }
  return {.placement = Placement::any, .one_cpu = usable.size() < 2};
}

void pin_to(int cpu) { set_mask({cpu}); }

AffinityGuard::AffinityGuard() : saved_(usable_cpus()) {}

AffinityGuard::~AffinityGuard() {
  try {
    set_mask(saved_);
  } catch (const SysError&) {
    // Nothing sensible to do in a destructor; the next measurement re-pins anyway.
  }
}

} // namespace ipcdemo::bench
