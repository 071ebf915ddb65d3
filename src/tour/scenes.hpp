// SPDX-License-Identifier: MIT
// The guided tour's scenes: the screenplay, in its order, as data. Each step
// is a line of narration or a real `ipcdemo ...` command line.
#pragma once

#include "tour/race.hpp"
#include "tour/views.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ipcdemo::tour {

struct Step {
  enum class Kind {
    say,          // print `text`
    run,          // run `args` to the end, show its output, expect `expect_status`
    start,        // start `args` in the background as `label`
    wait_blocked, // wait until `label` is blocked in the kernel, and say so
    finish,       // wait for every background command, showing their output
    race,         // `race`: producers started together on one segment (tour/race.hpp)
  };
  Kind kind = Kind::say;
  std::string text;
  std::vector<std::string> args;
  std::string label;
  std::string input;           // standard input from this file
  bool discard_stdout = false; // keep only standard error (a producer's summary)
  std::string filter;          // show only lines containing one of these '|'-separated words
  View view = nullptr;         // or show what this view makes of the output (tour/views.hpp)
  int expect_status = 0;
  Race race; // for Kind::race; `args` then holds one producer's arguments
  // A program the step needs besides ipcdemo (e.g. "strace"): without it, or when
  // the step fails, the tour says so and goes on instead of failing.
  std::string needs;
  // With --pause the tour stops after every step that showed something, and
  // Enter goes on. A cue names what Enter does next, at a moment that matters (a
  // waiter is blocked): "[Enter to CUE]".
  std::string cue;
};

struct Scene {
  std::string name;
  std::string title;
  std::vector<Step> steps;
};

// The names of the objects this tour run creates: unique to the run. The PID
// alone is not (in a PID namespace every run may be PID 1, and a neighbour can
// guess it): a random nonce makes them unguessable, and every create step uses
// --exclusive, so a leftover under the same name stops the tour instead of
// misleading it.
struct TourNames {
  std::string shm;
  std::string race_racy;
  std::string race_sem;
  std::string sem;
  std::string mq;
  std::string race_atomic;
  std::string cow;
};

TourNames tour_names(int pid, std::string_view nonce);
// tour_names with a random nonce, drawn again while any of their files exists.
TourNames unused_tour_names(int pid);
std::vector<Scene> all_scenes(const TourNames& names);

} // namespace ipcdemo::tour
