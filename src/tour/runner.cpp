#include "tour/runner.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "base/signals.hpp"
#include "tour/child.hpp"

#include <fcntl.h>
#include <mqueue.h>
#include <poll.h>
#include <semaphore.h>
#include <sys/mman.h>
#include <unistd.h>

#include <fmt/format.h>
#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <thread>

namespace ipcdemo::tour {

namespace {

constexpr std::size_t shown_head = 8;
constexpr std::size_t shown_tail = 4;

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

// Removes what the tour created; objects that were never made are no error.
class Cleanup {
 public:
  explicit Cleanup(const TourNames& names) : names_(names) {}
  Cleanup(const Cleanup&) = delete;
  Cleanup& operator=(const Cleanup&) = delete;
  Cleanup(Cleanup&&) = delete;
  Cleanup& operator=(Cleanup&&) = delete;
  ~Cleanup() {
    for (const auto* name : {&names_.shm, &names_.race_racy, &names_.race_sem}) {
      ::shm_unlink(name->c_str());
      ::sem_unlink((*name + "-lock").c_str()); // the lock `shm produce --sync sem` made
    }
    ::sem_unlink(names_.sem.c_str());
    ::mq_unlink(names_.mq.c_str());
  }

 private:
  const TourNames& names_;
};

class Runner {
 public:
  void step(const Step& step) {
    // A signal that arrived between two blocking calls is noticed here.
    signals::throw_if_interrupted();
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
    }
    std::fflush(stdout);
  }

 private:
  void run(const Step& step) {
    fmt::print("{}\n", command_line(step));
    std::fflush(stdout);
    Child child("", step.args, step.input, step.discard_stdout);
    std::vector<std::string> lines;
    while (!child.eof()) {
      signals::throw_if_interrupted();
      for (auto& line : child.read_lines())
        if (shown(step, line)) lines.push_back(std::move(line));
    }
    const int status = child.wait();
    show(lines);
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

  void wait_blocked(const std::string& label) {
    Child& child = background_.at(label);
    // Bounded: a command that never blocks is a failed scene, not a hung tour.
    for (int attempt = 0; attempt < 1000 && !child.blocked(); ++attempt) {
      signals::throw_if_interrupted();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (!child.blocked()) throw Error(exit_code::failure, fmt::format("tour: {} never blocked", label));
    fmt::print("  ({} is blocked: state S in /proc/{}/stat)\n", label, child.pid());
  }

  // Shows the output of every background command, each line with its label,
  // as it arrives, until all have ended.
  void finish() {
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
      if (::poll(fds.data(), fds.size(), -1) < 0) {
        if (errno == EINTR) signals::throw_if_interrupted();
        continue;
      }
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
    Runner runner;
    for (const auto& step : scene.steps) runner.step(step);
    if (options.pause && number < scenes.size()) {
      fmt::print("\n[Enter for the next scene] ");
      std::fflush(stdout);
      // stdio, not std::cin: <iostream>'s static initialiser costs every run of
      // every command a dozen page faults (bench/startup.sh).
      std::array<char, 256> line{};
      if (std::fgets(line.data(), static_cast<int>(line.size()), stdin) == nullptr)
        signals::throw_if_interrupted();
    }
  }
  if (!found) throw UsageError(fmt::format("--scene: no scene '{}' (see --list-scenes)", options.only_scene));
  fmt::print("\nThat was the tour. Every command above also works on its own: try them.\n");
  return exit_code::ok;
}

} // namespace ipcdemo::tour
