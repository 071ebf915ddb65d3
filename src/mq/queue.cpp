#include "mq/queue.hpp"

#include "base/error.hpp"
#include "ipc/hints.hpp"
#include "ipc/open_or_create.hpp"
#include "mq/limits.hpp"

#include <fcntl.h>

#include <cerrno>

namespace ipcdemo::mq {

Created create(const std::string& name, const CreateSettings& settings) {
  const auto create_new = [&] {
    // A limit error names the limit; the table's hints cover the rest.
    return explained(
        [&] {
          return sys::Queue::create(name, O_RDONLY | O_EXCL, settings.mode, settings.maxmsg,
                                    settings.msgsize);
        },
        [&](int err) { return explain_create_error(err, settings.maxmsg, settings.msgsize, read_limits()); });
  };
  auto opened = open_or_create(ObjectKind::mq, name, settings.exclusive, create_new,
                               [&] { return sys::Queue::open(name, O_RDONLY); });
  return {std::move(opened.handle), opened.created};
}

sys::Queue open(const std::string& name, int flags) {
  const Operation operation = (flags & O_ACCMODE) == O_WRONLY ? Operation::open_write : Operation::open_read;
  return with_ipc_hint(ObjectKind::mq, operation, name, [&] { return sys::Queue::open(name, flags); });
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
  with_ipc_hint(ObjectKind::mq, Operation::unlink, name, [&] { sys::Queue::unlink(name); });
}

} // namespace ipcdemo::mq
