// SPDX-License-Identifier: MIT
#include "base/error.hpp"

#include "base/escape.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstring>

namespace ipcdemo {

namespace {
std::string sys_message(const std::string& call, const std::string& object, int err) {
  std::string message = call;
  if (!object.empty()) {
    message += ' ';
    message += object;
  }
  message += ": ";
  message += std::strerror(err);
  return message;
}

// EMFILE is the same answer for every call that makes a descriptor, when the
// descriptor limit is what was reached: name it. (mq_open's EMFILE can also mean
// RLIMIT_MSGQUEUE; then a descriptor can still be had, and mq says so itself.)
std::string default_hint(int err) {
  if (err != EMFILE || !descriptor_limit_reached()) return {};
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return {};
  return fmt::format("the open-file limit RLIMIT_NOFILE (ulimit -n) is {}", limit.rlim_cur);
}
} // namespace

std::string Error::line() const {
  return escape::line(hint_.empty() ? std::string(what()) : std::string(what()) + "; " + hint_);
}

bool descriptor_limit_reached() {
  const int probe = ::open("/", O_PATH | O_CLOEXEC);
  if (probe >= 0) {
    ::close(probe);
    return false;
  }
  return errno == EMFILE;
}

SysError::SysError(std::string call, std::string object, int err, std::string hint)
    : Error(exit_code::failure, sys_message(call, object, err),
            hint.empty() ? default_hint(err) : std::move(hint)),
      call_(std::move(call)),
      object_(std::move(object)),
      err_(err) {}

Interrupted::Interrupted(int signo)
    : Error(exit_code::signal_base + signo, std::string("interrupted by SIG") + sigabbrev_np(signo)),
      signo_(signo) {}

} // namespace ipcdemo
