// SPDX-License-Identifier: MIT
// Taking a signal synchronously: block it with pthread_sigmask for as long as an
// object lives, and wait for it with sigwaitinfo/sigtimedwait instead of letting a
// handler run (mq notify waits for its SIGEV_SIGNAL this way). Narrated, so that
// `-v` shows what the process is waiting for.
#pragma once

#include <signal.h>
#include <time.h>

#include <optional>

namespace ipcdemo::sys {

class BlockedSignal {
 public:
  // pthread_sigmask(SIG_BLOCK, [signo]): from now on the signal stays pending
  // until wait() takes it.
  explicit BlockedSignal(int signo);
  BlockedSignal(const BlockedSignal&) = delete;
  BlockedSignal& operator=(const BlockedSignal&) = delete;
  BlockedSignal(BlockedSignal&&) = delete;
  BlockedSignal& operator=(BlockedSignal&&) = delete;
  // pthread_sigmask(SIG_SETMASK, the mask from before).
  ~BlockedSignal();

  // sigwaitinfo: blocks until the signal is pending and takes it. SIGINT/SIGTERM
  // (not blocked) end the wait with Interrupted.
  siginfo_t wait() const;
  // sigtimedwait: as wait(), for at most `timeout`; nothing when it passed.
  std::optional<siginfo_t> wait_for(const timespec& timeout) const;

 private:
  sigset_t set_{};
  sigset_t old_{};
};

} // namespace ipcdemo::sys
