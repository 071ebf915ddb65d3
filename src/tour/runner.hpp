// SPDX-License-Identifier: MIT
// Runs the tour's scenes: prints each command line a student could type, runs
// it as a real child process of this binary, shows its output, and removes
// every object the tour created, also on failure or Ctrl-C.
#pragma once

#include "tour/scenes.hpp"

#include <string>
#include <vector>

namespace ipcdemo::tour {

struct Options {
  std::string only_scene; // empty: all
  bool pause = false;     // wait for Enter between scenes, and at the cues inside them
};

int run_tour(const std::vector<Scene>& scenes, const TourNames& names, const Options& options);

} // namespace ipcdemo::tour
