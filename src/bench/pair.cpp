// SPDX-License-Identifier: MIT
#include "bench/pair.hpp"

#include "bench/sample.hpp"
#include "bench/wait.hpp"

#include "base/error.hpp"
#include "base/signals.hpp"
#include "sys/process.hpp"

#include <semaphore.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <exception>
#include <new>
#include <utility>

namespace ipcdemo::bench {

struct Pair::Control {
  sem_t command;               // parent -> child: a batch is ready (Pair::command_)
  sem_t done;                  // child -> parent: the batch is done (Pair::done_)
  std::uint64_t batch = 0;     // operations in the next batch; 0 tells the child to exit
  std::uint64_t completed = 0; // the child's count, over all batches
  std::uint64_t errors = 0;    // wrong payloads the child saw
};

namespace {

// SIGCHLD with a handler (and no SA_RESTART) interrupts a blocked parent when the
// child dies, so a wait for a partner that is gone cannot hang. The signal can also
// arrive just before the parent blocks, and then interrupts nothing: so it also
// starts alarm(1), re-armed by SIGALRM, until the parent has reaped the child.
volatile std::sig_atomic_t child_exited = 0;

extern "C" void note_child(int) {
  child_exited = 1;
  alarm(1);
}

extern "C" void tick(int) {
  if (child_exited != 0) alarm(1);
}

bool install_handlers() {
  struct sigaction action {};
  sigemptyset(&action.sa_mask);
  action.sa_handler = note_child;
  action.sa_flags = SA_NOCLDSTOP;
  sigaction(SIGCHLD, &action, nullptr);
  action.sa_handler = tick;
  action.sa_flags = 0;
  sigaction(SIGALRM, &action, nullptr);
  return true;
}

// After the child was reaped: no more ticks.
void reaped() {
  child_exited = 0;
  alarm(0);
}

void die_in_child(const char* what) {
  std::fprintf(stderr, "ipcdemo: bench child: %s\n", what);
  _exit(1);
}

} // namespace

Pair::Pair(Exchange& exchange, const Pinning& pinning)
    : exchange_(exchange),
      page_(sys::Mapping::shared_anonymous(sizeof(Control), "bench control page")),
      control_(new (page_.data()) Control),
      command_(std::make_unique<sys::UnnamedSemaphore>(&control_->command, "bench control page")),
      done_(std::make_unique<sys::UnnamedSemaphore>(&control_->done, "bench control page")) {
  if (pinning.parent_cpu) pin_to(*pinning.parent_cpu);
  static const bool installed = install_handlers();
  (void)installed;
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t parent = getpid();
  child_ = sys::fork("bench partner");
  if (child_ == 0) {
    // Dies with the parent, whatever kills it; Ctrl-C is the parent's to handle.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);
    child_main(pinning);
  }
  exchange_.parent_after_fork(child_);
}

void Pair::child_main(const Pinning& pinning) {
  std::signal(SIGINT, SIG_IGN);
  std::signal(SIGTERM, SIG_IGN);
  try {
    if (pinning.child_cpu) pin_to(*pinning.child_cpu);
    exchange_.child_after_fork();
    for (;;) {
      sem_wait_for(command_->native(), command_->name(), 0, nullptr);
      const std::uint64_t n = control_->batch;
      if (n == 0) break;
      control_->errors += exchange_.child_run(n);
      control_->completed += n;
      sem_post_to(done_->native(), done_->name());
    }
  } catch (const std::exception& error) {
    die_in_child(error.what());
  } catch (...) {
    die_in_child("unknown error");
  }
  _exit(0);
}

void Pair::check() {
  signals::throw_if_interrupted();
  if (child_ <= 0) return;
  if (const auto ended = sys::waitpid(child_, WNOHANG, fmt::format("PID {}", child_))) {
    const int status = *ended;
    reaped();
    const pid_t pid = std::exchange(child_, -1);
    throw Error(exit_code::failure,
                fmt::format("bench: the second process (PID {}) ended in the middle of a measurement", pid),
                WIFSIGNALED(status) ? fmt::format("killed by SIG{}", sigabbrev_np(WTERMSIG(status)))
                                    : fmt::format("exit status {}", WEXITSTATUS(status)));
  }
}

void Pair::wait_done() { sem_wait_for(done_->native(), done_->name(), 0, this); }

std::int64_t Pair::run_batch(std::uint64_t n) {
  check();
  control_->batch = n;
  sem_post_to(command_->native(), command_->name());
  const std::int64_t start = now_ns();
  parent_errors_ += exchange_.parent_run(n, *this);
  const std::int64_t elapsed = now_ns() - start;
  wait_done();
  return elapsed;
}

void Pair::finish() {
  control_->batch = 0;
  sem_post_to(command_->native(), command_->name());
  const int status = *sys::waitpid(child_, 0, fmt::format("PID {}", child_));
  reaped();
  const pid_t pid = std::exchange(child_, -1);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw Error(exit_code::failure, fmt::format("bench: the second process (PID {}) failed", pid));
}

std::uint64_t Pair::peer_operations() const { return control_->completed; }
std::uint64_t Pair::errors() const { return parent_errors_ + control_->errors; }

Pair::~Pair() {
  if (child_ > 0) {
    sys::kill(child_, SIGKILL);
    sys::reap(child_);
    reaped();
  }
  // Then the semaphores are destroyed and the page unmapped, in that order (members).
}

} // namespace ipcdemo::bench
