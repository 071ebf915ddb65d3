// SPDX-License-Identifier: MIT
#include "sys/signal_wait.hpp"

#include "base/error.hpp"
#include "base/signals.hpp"
#include "sys/narrate.hpp"

#include <pthread.h>

#include <cerrno>

namespace ipcdemo::sys {

namespace {

std::string info_text(const siginfo_t& info) {
  return fmt::format("{{si_signo={}, si_code={}, si_pid={}, si_uid={}}}", narrate::signal_name(info.si_signo),
                     info.si_code, info.si_pid, info.si_uid);
}

// One sigwaitinfo or sigtimedwait, retried after a signal that does not end us.
std::optional<siginfo_t> take(const sigset_t& set, const timespec* timeout) {
  const char* call = timeout == nullptr ? "sigwaitinfo" : "sigtimedwait";
  for (;;) {
    siginfo_t info{};
    const int rc = timeout == nullptr ? ::sigwaitinfo(&set, &info) : ::sigtimedwait(&set, &info, timeout);
    const int err = errno;
    if (narrate::on()) {
      std::string args = narrate::signal_set(set) + ", " + (rc > 0 ? info_text(info) : "{...}");
      if (timeout != nullptr) args += ", " + narrate::timespec_value(*timeout);
      narrate::emit(call, args, rc > 0 ? narrate::signal_name(rc) : narrate::result(rc, err));
    }
    if (rc > 0) return info;
    if (err == EAGAIN && timeout != nullptr) return std::nullopt;
    if (err != EINTR) throw SysError(call, narrate::signal_set(set), err);
    signals::throw_if_interrupted();
  }
}

void set_mask(int how, const sigset_t* set, sigset_t* old) {
  // pthread_sigmask returns the error number; it only fails for a bad `how`.
  const int rc = ::pthread_sigmask(how, set, old);
  if (narrate::on())
    narrate::emit("pthread_sigmask",
                  fmt::format("{}, {}, {}", how == SIG_BLOCK ? "SIG_BLOCK" : "SIG_SETMASK",
                              set != nullptr ? narrate::signal_set(*set) : "NULL",
                              old != nullptr ? narrate::signal_set(*old) : "NULL"),
                  rc == 0 ? "0" : narrate::errno_name(rc));
  if (rc != 0) throw SysError("pthread_sigmask", set != nullptr ? narrate::signal_set(*set) : "", rc);
}

} // namespace

BlockedSignal::BlockedSignal(int signo) {
  sigemptyset(&set_);
  sigaddset(&set_, signo);
  set_mask(SIG_BLOCK, &set_, &old_);
}

BlockedSignal::~BlockedSignal() {
  try {
    set_mask(SIG_SETMASK, &old_, nullptr);
  } catch (const SysError&) {
    // SIG_SETMASK with a mask pthread_sigmask itself returned cannot fail.
  }
}

siginfo_t BlockedSignal::wait() const { return *take(set_, nullptr); }

std::optional<siginfo_t> BlockedSignal::wait_for(const timespec& timeout) const {
  return take(set_, &timeout);
}

} // namespace ipcdemo::sys
