// SPDX-License-Identifier: MIT
#include "tour/runner.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "base/signals.hpp"
#include "sys/clock.hpp"
#include "sys/fd.hpp"
#include "sys/message_queue.hpp"
#include "sys/semaphore.hpp"
#include "sys/shm.hpp"
#include "tour/child.hpp"
#include "tour/race.hpp"

#include <fmt/format.h>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace ipcdemo::tour {

namespace {

constexpr std::size_t shown_head = 8;
constexpr std::size_t shown_tail = 4;
// No step may take longer: the slowest (four producers racing, 20000 locked
// increments each) takes about a second on a busy two-CPU machine.
constexpr auto step_limit = std::chrono::seconds(60);

using Clock = std::chrono::steady_clock;

// Polls `fds` until one is readable or `deadline` passes (false). A signal
// ends the wait early, so that the caller can notice it.
bool poll_until(std::vector<pollfd>& fds, Clock::time_point deadline) {
  for (;;) { // sys::poll returns 0 for a signal that does not end us: look again
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    if (sys::poll(fds, static_cast<int>(left.count()) + 1) != 0) return true;
  }
}

Error overran(const std::string& what) {
  return Error(exit_code::failure,
               fmt::format("tour: {} ran longer than {} s; stopped it", what, step_limit.count()),
               "is the machine very busy, or something left in /dev/shm in the tour's way?");
}

std::string shell_quote(const std::string& word) {
  if (!word.empty() &&
      word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+") ==
          std::string::npos)
    return word;
  std::string quoted = "'";
  for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string command_line(const Step& step) {
  std::string line = "$ ipcdemo";
  for (const auto& arg : step.args) line += " " + shell_quote(arg);
  if (!step.input.empty()) line += " < " + step.input;
  if (step.discard_stdout) line += " > /dev/null";
  return line;
}

bool shown(const Step& step, const std::string& line) {
  if (step.filter.empty()) return true;
  std::string_view filter = step.filter;
  while (!filter.empty()) {
    const auto bar = filter.find('|');
    if (line.find(filter.substr(0, bar)) != std::string::npos) return true;
    filter.remove_prefix(bar == std::string_view::npos ? filter.size() : bar + 1);
  }
  return false;
}

// Runs one unlink; an object that was never made (or is gone) is no error here.
template <typename Unlink>
void quietly(Unlink&& unlink) noexcept {
  try {
    unlink();
  } catch (const std::exception&) {
  }
}

bool program_in_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "/usr/bin:/bin";
  while (!dirs.empty()) {
    const auto colon = dirs.find(':');
    if (::access((std::string(dirs.substr(0, colon)) + "/" + program).c_str(), X_OK) == 0) return true;
    dirs.remove_prefix(colon == std::string_view::npos ? dirs.size() : colon + 1);
  }
  return false;
}

// Removes what the tour created; objects that were never made are no error.
class Cleanup {
 public:
  explicit Cleanup(const TourNames& names) : names_(names) {}
  Cleanup(const Cleanup&) = delete;
  Cleanup& operator=(const Cleanup&) = delete;
  Cleanup(Cleanup&&) = delete;
  Cleanup& operator=(Cleanup&&) = delete;
  ~Cleanup() {
    for (const auto* name :
         {&names_.shm, &names_.race_racy, &names_.race_sem, &names_.race_atomic, &names_.cow}) {
      quietly([&] { sys::shm_unlink(*name); });
      quietly([&] { sys::Semaphore::unlink(*name + "-lock"); }); // the lock `shm produce --sync sem` made
    }
    quietly([&] { sys::Semaphore::unlink(names_.sem); });
    quietly([&] { sys::Queue::unlink(names_.mq); });
  }

 private:
  const TourNames& names_;
};

// Waits for Enter; Ctrl-C ends the tour, the end of input lets it run on unattended.
void wait_for_enter(const std::string& prompt) {
  fmt::print("\n[{}] ", prompt);
  std::fflush(stdout);
  // stdio, not std::cin: <iostream>'s static initialiser costs every run of
  // every command a dozen page faults (bench/startup.sh).
  std::array<char, 256> line{};
  if (std::fgets(line.data(), static_cast<int>(line.size()), stdin) == nullptr) {
    signals::throw_if_interrupted();
    fmt::print("\n");
  }
}

class Runner {
 public:
  explicit Runner(bool pause = false) : pause_(pause) {}

  void step(const Step& step) {
    // A signal that arrived between two blocking calls is noticed here.
    signals::throw_if_interrupted();
    if (pause_ && !step.cue.empty()) wait_for_enter("Enter to " + step.cue);
    switch (step.kind) {
      case Step::Kind::say: fmt::print("\n{}\n", step.text); break;
      case Step::Kind::run: run(step); break;
      case Step::Kind::start:
        fmt::print("{} &\n", command_line(step));
        std::fflush(stdout);
        background_.emplace(step.label, Child(step.label, step.args, step.input, step.discard_stdout));
        break;
      case Step::Kind::wait_blocked: wait_blocked(step.label); break;
      case Step::Kind::finish: finish(); break;
      case Step::Kind::race:
        run_race(step.race, fmt::format("$ for i in $(seq {}); do {} & done; wait", step.race.producers,
                                        command_line(step).substr(2)));
        break;
    }
    std::fflush(stdout);
  }

 private:
  void run(const Step& step) {
    fmt::print("{}\n", command_line(step));
    std::fflush(stdout);
    if (!step.needs.empty() && !program_in_path(step.needs)) {
      fmt::print("  (skipped: {} is not installed here)\n", step.needs);
      return;
    }
    Child child("", step.args, step.input, step.discard_stdout);
    std::vector<std::string> lines;
    if (background_.empty()) {
      const auto deadline = Clock::now() + step_limit;
      while (!child.eof()) {
        signals::throw_if_interrupted();
        std::vector<pollfd> fds = {{child.output_fd(), POLLIN, 0}};
        if (!poll_until(fds, deadline)) throw overran(fmt::format("'{}'", command_line(step).substr(2)));
        for (auto& line : child.read_lines())
          if (shown(step, line)) lines.push_back(std::move(line));
      }
    } else {
      // Others are running: print every line as it comes, so that what a background
      // process says (a waiter woken by this post) appears in the order it happened.
      run_live(step, child);
    }
    const int status = child.wait();
    show(lines);
    if (status != step.expect_status && !step.needs.empty()) {
      fmt::print("  (this step needs {}, which did not work here: exit status {})\n", step.needs, status);
      return;
    }
    if (status != step.expect_status)
      throw Error(exit_code::failure, fmt::format("tour: '{}' ended with status {}, expected {}",
                                                  command_line(step).substr(2), status, step.expect_status));
    if (status != 0) fmt::print("  (exit status {}, as expected)\n", status);
  }

  static void show(const std::vector<std::string>& lines) {
    if (lines.size() <= shown_head + shown_tail + 1) {
      for (const auto& line : lines) fmt::print("  | {}\n", line);
      return;
    }
    for (std::size_t i = 0; i < shown_head; ++i) fmt::print("  | {}\n", lines[i]);
    fmt::print("  | ... ({} more lines)\n", lines.size() - shown_head - shown_tail);
    for (std::size_t i = lines.size() - shown_tail; i < lines.size(); ++i) fmt::print("  | {}\n", lines[i]);
  }

  // Polls `child` and the background commands, printing lines as they arrive,
  // until `child` has closed its output.
  void run_live(const Step& step, Child& child) {
    while (!child.eof()) {
      std::vector<pollfd> fds{{child.output_fd(), POLLIN, 0}};
      std::vector<Child*> others;
      for (auto& [label, other] : background_)
        if (!other.eof()) {
          fds.push_back({other.output_fd(), POLLIN, 0});
          others.push_back(&other);
        }
      signals::throw_if_interrupted();
      if (sys::poll(fds, -1) == 0) continue; // a signal that does not end us
      if (fds[0].revents != 0)
        for (const auto& line : child.read_lines())
          if (shown(step, line)) fmt::print("  | {}\n", line);
      for (std::size_t i = 1; i < fds.size(); ++i)
        if (fds[i].revents != 0)
          for (const auto& line : others[i - 1]->read_lines())
            fmt::print("  {:>10} | {}\n", others[i - 1]->label(), line);
      std::fflush(stdout);
    }
  }

  // Prints what background commands have said so far, without waiting.
  void drain_background() {
    for (auto& [label, child] : background_) {
      pollfd fd{child.output_fd(), POLLIN, 0};
      while (!child.eof() && sys::poll(std::span(&fd, 1), 0) > 0)
        for (const auto& line : child.read_lines()) fmt::print("  {:>10} | {}\n", label, line);
    }
  }

  void wait_blocked(const std::string& label) {
    Child& child = background_.at(label);
    // Bounded: a command that never blocks is a failed scene, not a hung tour.
    for (int attempt = 0; attempt < 1000 && !child.blocked(); ++attempt) {
      signals::throw_if_interrupted();
      sys::sleep_for(std::chrono::milliseconds(5));
    }
    if (!child.blocked()) throw Error(exit_code::failure, fmt::format("tour: {} never blocked", label));
    drain_background(); // what it said before it blocked comes first
    fmt::print("  ({} is blocked: state S in /proc/{}/stat)\n", label, child.pid());
  }

  // Shows the output of every background command, each line with its label,
  // as it arrives, until all have ended.
  void finish() {
    const auto deadline = Clock::now() + step_limit;
    while (true) {
      std::vector<pollfd> fds;
      std::vector<Child*> children;
      for (auto& [label, child] : background_)
        if (!child.eof()) {
          fds.push_back({child.output_fd(), POLLIN, 0});
          children.push_back(&child);
        }
      if (fds.empty()) break;
      signals::throw_if_interrupted();
      if (!poll_until(fds, deadline)) throw overran(fmt::format("{}", children.front()->label()));
      for (std::size_t i = 0; i < fds.size(); ++i)
        if (fds[i].revents != 0)
          for (const auto& line : children[i]->read_lines())
            fmt::print("  {:>10} | {}\n", children[i]->label(), line);
      std::fflush(stdout);
    }
    for (auto& [label, child] : background_) {
      const int status = child.wait();
      if (status != 0)
        throw Error(exit_code::failure, fmt::format("tour: {} ended with status {}", label, status));
    }
    background_.clear();
  }

  std::map<std::string, Child> background_;
  bool pause_ = false;
};

} // namespace

int run_tour(const std::vector<Scene>& scenes, const TourNames& names, const Options& options) {
  const Cleanup cleanup(names);
  std::size_t number = 0;
  bool found = options.only_scene.empty();
  for (const auto& scene : scenes) {
    ++number;
    if (!options.only_scene.empty() && scene.name != options.only_scene) continue;
    found = true;
    fmt::print("\n== Scene {}/{}: {} ==\n", number, scenes.size(), scene.title);
    Runner runner(options.pause);
    for (const auto& step : scene.steps) runner.step(step);
    // Only when another scene follows: --scene runs one.
    if (options.pause && options.only_scene.empty() && number < scenes.size())
      wait_for_enter("Enter for the next scene");
  }
  if (!found) throw UsageError(fmt::format("--scene: no scene '{}' (see --list-scenes)", options.only_scene));
  // A signal that ended the last wait for Enter, or came after the last step.
  signals::throw_if_interrupted();
  fmt::print("\nThat was the tour. Every command above also works on its own: try them.\n");
  return exit_code::ok;
}

} // namespace ipcdemo::tour
