// SPDX-License-Identifier: MIT
#include "tour/runner.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "base/signals.hpp"
#include "sys/clock.hpp"
#include "sys/directory.hpp"
#include "sys/fd.hpp"
#include "sys/message_queue.hpp"
#include "sys/semaphore.hpp"
#include "sys/shm.hpp"
#include "tour/child.hpp"
#include "tour/race.hpp"
#include "tour/screen.hpp"

#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace ipcdemo::tour {

namespace {

// Output that no filter chose is cut down to fit the screen, but never below this.
constexpr std::size_t min_shown = 8;
// No step may take longer: the slowest (four producers racing, 100,000 locked
// increments each, --widen 1us inside the lock) took 3 s on a two-CPU machine
// with a load average of 15.
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

// The words of the command line a student could type for `step`.
std::vector<std::string> command_words(const Step& step) {
  std::vector<std::string> words{"ipcdemo"};
  for (const auto& arg : step.args) words.push_back(shell_quote(arg));
  if (!step.input.empty()) words.insert(words.end(), {"<", step.input});
  if (step.discard_stdout) words.emplace_back(">/dev/null");
  return words;
}

std::string command_line(const Step& step) {
  std::string line;
  for (const auto& word : command_words(step)) line += (line.empty() ? "" : " ") + word;
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
    if (sys::executable(std::string(dirs.substr(0, colon)) + "/" + program)) return true;
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

class Runner {
 public:
  explicit Runner(Screen& screen) : screen_(screen) {}

  void step(const Step& step) {
    // A signal that arrived between two blocking calls is noticed here.
    signals::throw_if_interrupted();
    // With --pause: a stop after every step that showed something, and before
    // every cued step, so that the lecturer goes on when the class has seen it.
    // Not before a finish: what the background commands say in answer to the step
    // before it (a receiver woken by a send) belongs on the same screen.
    if ((showed_ && step.kind != Step::Kind::finish) || !step.cue.empty())
      screen_.stop(step.cue.empty() ? "continue" : step.cue);
    showed_ = true;
    switch (step.kind) {
      case Step::Kind::say:
        screen_.prose(step.text);
        showed_ = false; // the narration belongs to the command that follows it
        break;
      case Step::Kind::run: run(step); break;
      case Step::Kind::start: {
        auto words = command_words(step);
        words.emplace_back("&");
        screen_.command(words);
        background_.emplace(step.label, Child(step.label, step.args, step.input, step.discard_stdout));
        showed_ = false; // what it says comes with the step that waits for it
        break;
      }
      case Step::Kind::wait_blocked: wait_blocked(step.label); break;
      case Step::Kind::finish: finish(); break;
      case Step::Kind::race: run_race(step.race, screen_); break;
    }
    std::fflush(stdout);
  }

 private:
  void run(const Step& step) {
    screen_.command(command_words(step));
    if (!step.needs.empty() && !program_in_path(step.needs)) {
      screen_.note(fmt::format("skipped: {} is not installed here", step.needs));
      return;
    }
    Child child("", step.args, step.input, step.discard_stdout);
    std::vector<std::string> lines;
    if (background_.empty()) {
      const auto deadline = Clock::now() + step_limit;
      while (!child.eof()) {
        signals::throw_if_interrupted();
        std::vector<pollfd> fds = {{child.output_fd(), POLLIN, 0}};
        if (!poll_until(fds, deadline)) throw overran(fmt::format("'{}'", command_line(step)));
        for (auto& line : child.read_lines())
          if (shown(step, line)) lines.push_back(std::move(line));
      }
    } else {
      // Others are running: print every line as it comes, so that what a background
      // process says (a waiter woken by this post) appears in the order it happened.
      run_live(step, child);
    }
    const int status = child.wait();
    show(step, lines);
    if (status != step.expect_status && !step.needs.empty()) {
      screen_.note(
          fmt::format("this step needs {}, which did not work here: exit status {}", step.needs, status));
      return;
    }
    if (status != step.expect_status)
      throw Error(exit_code::failure, fmt::format("tour: '{}' ended with status {}, expected {}",
                                                  command_line(step), status, step.expect_status));
    if (status != 0) screen_.note(fmt::format("exit status {}, as expected", status));
  }

  void show(const Step& step, const std::vector<std::string>& lines) {
    if (step.view != nullptr) {
      for (const auto& each : step.view(lines)) {
        if (!each.stop_before.empty()) screen_.stop(each.stop_before);
        screen_.output(each.text);
      }
      return;
    }
    if (!step.filter.empty()) { // the lines the narration promises: all of them
      for (const auto& line : lines) screen_.output(line);
      return;
    }
    show_fitted(lines);
  }

  // Output no filter chose: whole when it fits on the screen, else its beginning
  // and its end with the number of lines between them.
  void show_fitted(const std::vector<std::string>& lines) {
    std::size_t total = 0;
    for (const auto& line : lines) total += screen_.lines_for_output(line);
    const std::size_t budget = std::max<std::size_t>(screen_.room(), min_shown);
    if (total <= budget) {
      for (const auto& line : lines) screen_.output(line);
      return;
    }
    const std::size_t head_budget = (budget - 1) * 2 / 3;
    const std::size_t tail_budget = budget - 1 - head_budget;
    std::size_t head = 0;
    for (std::size_t used = 0; head < lines.size(); ++head) {
      used += screen_.lines_for_output(lines[head]);
      if (used > head_budget) break;
    }
    std::size_t tail = lines.size();
    for (std::size_t used = 0; tail > head;) {
      used += screen_.lines_for_output(lines[tail - 1]);
      if (used > tail_budget) break;
      --tail;
    }
    for (std::size_t i = 0; i < head; ++i) screen_.output(lines[i]);
    screen_.output(fmt::format("... ({} more lines)", tail - head));
    for (std::size_t i = tail; i < lines.size(); ++i) screen_.output(lines[i]);
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
          if (shown(step, line)) screen_.output(line);
      for (std::size_t i = 1; i < fds.size(); ++i)
        if (fds[i].revents != 0)
          for (const auto& line : others[i - 1]->read_lines()) screen_.output(line, others[i - 1]->label());
      std::fflush(stdout);
    }
  }

  // Prints what background commands have said so far, without waiting.
  void drain_background() {
    for (auto& [label, child] : background_) {
      pollfd fd{child.output_fd(), POLLIN, 0};
      while (!child.eof() && sys::poll(std::span(&fd, 1), 0) > 0)
        for (const auto& line : child.read_lines()) screen_.output(line, label);
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
    screen_.note(fmt::format("{} is blocked: state S in /proc/{}/stat", label, child.pid()));
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
          for (const auto& line : children[i]->read_lines()) screen_.output(line, children[i]->label());
      std::fflush(stdout);
    }
    for (auto& [label, child] : background_) {
      const int status = child.wait();
      if (status != 0)
        throw Error(exit_code::failure, fmt::format("tour: {} ended with status {}", label, status));
    }
    background_.clear();
  }

  Screen& screen_;
  std::map<std::string, Child> background_;
  bool showed_ = false; // the last step showed something: with --pause, stop before the next
};
} // namespace

int run_tour(const std::vector<Scene>& scenes, const TourNames& names, const Options& options) {
  const Cleanup cleanup(names);
  bool pause = options.pause;
  // Without a terminal to type Enter in (a pipe, a file, closed), waiting would
  // hang or read what was not meant as an answer: the tour runs on instead.
  if (pause && ::isatty(STDIN_FILENO) != 1) {
    log::warn(
        "--pause: standard input is not a terminal, so nobody can press Enter; running without "
        "stopping");
    pause = false;
  }
  Screen screen(detect_screen_size(), pause);
  std::size_t number = 0;
  bool found = false;
  for (const auto& scene : scenes) {
    ++number;
    if (!options.only_scene.empty() && scene.name != options.only_scene) continue;
    if (found) screen.stop("start the next scene");
    found = true;
    screen.blank();
    screen.line(fmt::format("== Scene {}/{}: {} ==", number, scenes.size(), scene.title));
    Runner runner(screen);
    for (const auto& step : scene.steps) runner.step(step);
  }
  if (!found) throw UsageError(fmt::format("--scene: no scene '{}' (see --list-scenes)", options.only_scene));
  // A signal that ended the last wait for Enter, or came after the last step.
  signals::throw_if_interrupted();
  screen.prose("That was the tour. Every command above also works on its own: try them.");
  return exit_code::ok;
}

} // namespace ipcdemo::tour
