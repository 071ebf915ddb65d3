#include "bench/pair.hpp"

#include "bench/sample.hpp"

#include "base/error.hpp"
#include "base/signals.hpp"

#include <semaphore.h>
#include <sys/mman.h>
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
  sem_t command;               // parent -> child: a batch is ready
  sem_t done;                  // child -> parent: the batch is done
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

Pair::Pair(Exchange& exchange, const Pinning& pinning) : exchange_(exchange) {
  void* page = mmap(nullptr, sizeof(Control), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (page == MAP_FAILED) throw SysError("mmap", "bench control page", errno);
  control_ = new (page) Control;
  if (sem_init(&control_->command, 1, 0) != 0 || sem_init(&control_->done, 1, 0) != 0) {
    const int err = errno;
    munmap(page, sizeof(Control));
    control_ = nullptr;
    throw SysError("sem_init", "bench control page", err);
  }
  if (pinning.parent_cpu) pin_to(*pinning.parent_cpu);
  static const bool installed = install_handlers();
  (void)installed;
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t parent = getpid();
  child_ = fork();
  if (child_ < 0) throw SysError("fork", "bench partner", errno);
  if (child_ == 0) {
    // Dies with the parent, whatever kills it; Ctrl-C is the parent's to handle.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1);
    child_main(pinning);
  }
  exchange_.parent_after_fork();
}

void Pair::child_main(const Pinning& pinning) {
  std::signal(SIGINT, SIG_IGN);
  std::signal(SIGTERM, SIG_IGN);
  try {
    if (pinning.child_cpu) pin_to(*pinning.child_cpu);
    exchange_.child_after_fork();
    for (;;) {
      while (sem_wait(&control_->command) != 0)
        if (errno != EINTR) die_in_child("sem_wait on the control page failed");
      const std::uint64_t n = control_->batch;
      if (n == 0) break;
      control_->errors += exchange_.child_run(n);
      control_->completed += n;
      sem_post(&control_->done);
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
  int status = 0;
  if (waitpid(child_, &status, WNOHANG) == child_) {
    reaped();
    const pid_t pid = std::exchange(child_, -1);
    throw Error(exit_code::failure,
                fmt::format("bench: the second process (PID {}) ended in the middle of a measurement", pid),
                WIFSIGNALED(status) ? fmt::format("killed by SIG{}", sigabbrev_np(WTERMSIG(status)))
                                    : fmt::format("exit status {}", WEXITSTATUS(status)));
  }
}

void Pair::wait_done() {
  while (sem_wait(&control_->done) != 0) {
    if (errno != EINTR) throw SysError("sem_wait", "bench control page", errno);
    check();
  }
}

std::int64_t Pair::run_batch(std::uint64_t n) {
  check();
  control_->batch = n;
  sem_post(&control_->command);
  const std::int64_t start = now_ns();
  parent_errors_ += exchange_.parent_run(n, *this);
  const std::int64_t elapsed = now_ns() - start;
  wait_done();
  return elapsed;
}

void Pair::finish() {
  control_->batch = 0;
  sem_post(&control_->command);
  int status = 0;
  while (waitpid(child_, &status, 0) < 0) {
    if (errno != EINTR) throw SysError("waitpid", fmt::format("PID {}", child_), errno);
    signals::throw_if_interrupted();
  }
  reaped();
  const pid_t pid = std::exchange(child_, -1);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw Error(exit_code::failure, fmt::format("bench: the second process (PID {}) failed", pid));
}

std::uint64_t Pair::peer_operations() const { return control_->completed; }
std::uint64_t Pair::errors() const { return parent_errors_ + control_->errors; }

Pair::~Pair() {
  if (child_ > 0) {
    kill(child_, SIGKILL);
    while (waitpid(child_, nullptr, 0) < 0 && errno == EINTR) {
    }
    reaped();
  }
  if (control_ != nullptr) {
    sem_destroy(&control_->command);
    sem_destroy(&control_->done);
    munmap(control_, sizeof(Control));
  }
}

} // namespace ipcdemo::bench
