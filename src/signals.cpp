#include "signals.hpp"

#include "error.hpp"

#include <csignal>

namespace ipcdemo::signals {

namespace {
volatile std::sig_atomic_t received = 0;

extern "C" void record(int signo) { received = signo; }
} // namespace

void install() {
  struct sigaction action {};
  action.sa_handler = record;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0; // no SA_RESTART: blocked calls must come back with EINTR
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
}

int pending() { return received; }

void throw_if_interrupted() {
  if (const int signo = received; signo != 0) throw Interrupted(signo);
}

} // namespace ipcdemo::signals
