#include "base/error.hpp"

#include "base/escape.hpp"

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
} // namespace

std::string Error::line() const {
  return escape::line(hint_.empty() ? std::string(what()) : std::string(what()) + "; " + hint_);
}

SysError::SysError(std::string call, std::string object, int err, std::string hint)
    : Error(exit_code::failure, sys_message(call, object, err), std::move(hint)),
      call_(std::move(call)),
      object_(std::move(object)),
      err_(err) {}

Interrupted::Interrupted(int signo)
    : Error(exit_code::signal_base + signo, std::string("interrupted by SIG") + sigabbrev_np(signo)),
      signo_(signo) {}

} // namespace ipcdemo
