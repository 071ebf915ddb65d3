#include "base/error.hpp"

#include <sys/resource.h>

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

// EMFILE is the same answer for every call that makes a descriptor: name the limit.
// (mq_open's EMFILE means RLIMIT_MSGQUEUE instead; the mq group says so itself.)
std::string default_hint(const std::string& call, int err) {
  if (err != EMFILE || call == "mq_open") return {};
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return {};
  return fmt::format("the open-file limit RLIMIT_NOFILE (ulimit -n) is {}", limit.rlim_cur);
}
} // namespace

SysError::SysError(std::string call, std::string object, int err, std::string hint)
    : Error(exit_code::failure, sys_message(call, object, err),
            hint.empty() ? default_hint(call, err) : std::move(hint)),
      call_(std::move(call)),
      object_(std::move(object)),
      err_(err) {}

Interrupted::Interrupted(int signo)
    : Error(exit_code::signal_base + signo, std::string("interrupted by SIG") + sigabbrev_np(signo)),
      signo_(signo) {}

} // namespace ipcdemo
