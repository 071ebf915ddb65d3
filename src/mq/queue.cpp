#include "mq/queue.hpp"

#include "base/error.hpp"
#include "mq/limits.hpp"

#include <fcntl.h>

#include <fmt/format.h>

#include <cerrno>

namespace ipcdemo::mq {

Created create(const std::string& name, const CreateSettings& settings) {
  const long n = settings.maxmsg;
  const long size = settings.msgsize;
  bool created = false;
  try {
    sys::Queue queue = sys::Queue::create(name, O_RDONLY | (settings.exclusive ? O_EXCL : 0), settings.mode,
                                          n, size, &created);
    return {std::move(queue), created};
  } catch (const SysError& error) {
    std::string hint = explain_create_error(error.err(), n, size, read_limits());
    if (error.err() == EEXIST)
      hint = fmt::format("--exclusive asks for a new queue; remove the old one with 'ipcdemo mq unlink {}'",
                         name);
    if (error.err() == EACCES)
      hint = fmt::format(
          "the queue exists and its mode does not let this user open it ('ipcdemo mq info {}' "
          "as its owner)",
          name);
    throw SysError(error.call(), error.object(), error.err(), hint);
  }
}

sys::Queue open(const std::string& name, int flags) {
  try {
    return sys::Queue::open(name, flags);
  } catch (const SysError& error) {
    if (error.err() == ENOENT)
      throw SysError(error.call(), name, ENOENT, fmt::format("create it first: ipcdemo mq create {}", name));
    if (error.err() == EACCES)
      throw SysError(error.call(), name, EACCES,
                     fmt::format("its mode does not let this user {} it (see its owner and mode with "
                                 "'ipcdemo mq info {}')",
                                 (flags & O_ACCMODE) == O_WRONLY ? "send to" : "receive from", name));
    throw;
  }
}

sys::Queue open_to_look(const std::string& name) {
  try {
    return sys::Queue::open(name, O_RDONLY);
  } catch (const SysError& error) {
    if (error.err() != EACCES) throw;
    return open(name, O_WRONLY); // attributes need either direction
  }
}

void unlink(const std::string& name) {
  try {
    sys::Queue::unlink(name);
  } catch (const SysError& error) {
    if (error.err() == ENOENT)
      throw SysError(error.call(), name, ENOENT,
                     "there is no message queue of that name (already unlinked?)");
    throw;
  }
}

} // namespace ipcdemo::mq
