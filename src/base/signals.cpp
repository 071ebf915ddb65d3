// SPDX-License-Identifier: MIT
#include "base/signals.hpp"

#include "base/error.hpp"

#include <csignal>

namespace ipcdemo::signals {

namespace {
volatile std::sig_atomic_t received = 0;
volatile std::sig_atomic_t from_tty = 0;

// The kernel sends a terminal's Ctrl-C with si_code SI_KERNEL; kill(2) sends SI_USER.
extern "C" void record(int signo, siginfo_t* info, void* /*context*/) {
  received = signo;
  from_tty = info != nullptr && info->si_code == SI_KERNEL ? 1 : 0;
}
} // namespace

void install() {
  struct sigaction action {};
  action.sa_sigaction = record;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_SIGINFO; // no SA_RESTART: blocked calls must come back with EINTR
  for (const int signo : {SIGINT, SIGTERM, SIGHUP}) {
    // A signal ignored by whoever started us stays ignored, as a shell expects
    // of its background jobs.
    struct sigaction previous {};
    if (sigaction(signo, nullptr, &previous) == 0 && previous.sa_handler == SIG_IGN) continue;
    sigaction(signo, &action, nullptr);
  }
  std::signal(SIGPIPE, SIG_IGN);
  // Past the file-size limit (ulimit -f) a write or ftruncate then fails with EFBIG,
  // which names the limit, instead of killing us with a core dump.
  std::signal(SIGXFSZ, SIG_IGN);
}

int pending() { return received; }

bool from_terminal() { return from_tty != 0; }

void throw_if_interrupted() {
  if (const int signo = received; signo != 0) throw Interrupted(signo);
}

} // namespace ipcdemo::signals
