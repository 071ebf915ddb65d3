// SPDX-License-Identifier: MIT
#include "mq/queue.hpp"

#include "base/error.hpp"
#include "base/hint.hpp"
#include "base/log.hpp"
#include "base/size_text.hpp"
#include "ipc/access_hint.hpp"
#include "ipc/hints.hpp"
#include "ipc/open_or_create.hpp"
#include "mq/limits.hpp"
#include "mq/sample.hpp"
#include "sys/narrate.hpp"

#include <fcntl.h>

#include <algorithm>
#include <cerrno>
#include <climits>

namespace ipcdemo::mq {

Created create(const std::string& name, const CreateSettings& settings) {
  const auto create_new = [&] {
    // A limit error names the limit; the table's hints cover the rest.
    return explained(
        [&] {
          // Anything this large is refused by the kernel anyway; keep it in the range
          // of mq_attr's long, and quote the values given in the explanation.
          return sys::Queue::create(name, O_RDONLY | O_EXCL, settings.mode,
                                    static_cast<long>(std::min<std::uint64_t>(settings.maxmsg, INT_MAX)),
                                    static_cast<long>(std::min<std::uint64_t>(settings.msgsize, INT_MAX)));
        },
        [&](int err) { return explain_create_error(err, settings.maxmsg, settings.msgsize, read_limits()); });
  };
  auto opened = open_or_create(ObjectKind::mq, name, settings.exclusive, create_new,
                               [&] { return sys::Queue::open(name, O_RDONLY); });
  return {std::move(opened.handle), opened.created};
}

void report(const std::string& name, const Created& created, mode_t mode) {
  const mq_attr attr = [&] {
    const narrate::Check check; // ours: what the kernel made of the attributes asked for
    return created.queue.attributes();
  }();
  if (created.created)
    log::info("created message queue {}: maxmsg {}, msgsize {}, mode {} (before the umask)", name,
              attr.mq_maxmsg, counted(static_cast<std::uint64_t>(attr.mq_msgsize), "byte"),
              narrate::octal(mode));
  else
    log::info("message queue {} has maxmsg {}, msgsize {}", name, attr.mq_maxmsg,
              counted(static_cast<std::uint64_t>(attr.mq_msgsize), "byte"));
  if (attr.mq_msgsize < static_cast<long>(sample_size))
    log::warn("msgsize {} is smaller than a sample ({} bytes): only 'mq send --text' fits", attr.mq_msgsize,
              sample_size);
}

sys::Queue open(const std::string& name, int flags) {
  const Operation operation = (flags & O_ACCMODE) == O_WRONLY ? Operation::open_write : Operation::open_read;
  // EMFILE from mq_open is the descriptor limit or RLIMIT_MSGQUEUE: say which.
  return explained(
      [&] {
        return with_ipc_hint(ObjectKind::mq, operation, name, [&] { return sys::Queue::open(name, flags); });
      },
      [](int err) { return err == EMFILE ? explain_descriptor_limit(read_limits()) : std::string(); });
}

sys::Queue open_to_look(const std::string& name) {
  try {
    return sys::Queue::open(name, O_RDONLY);
  } catch (const SysError& error) {
    if (error.err() != EACCES) throw;
    try {
      return sys::Queue::open(name, O_WRONLY); // attributes need either direction
    } catch (const SysError& again) {
      if (again.err() != EACCES) throw;
      throw SysError(again.call(), name, EACCES,
                     "mq info must open the queue, for reading or for writing, to ask mq_getattr; " +
                         open_denied_hint(name, ObjectKind::mq, "read or write"));
    }
  }
}

void unlink(const std::string& name) {
  with_ipc_hint(ObjectKind::mq, Operation::unlink, name, [&] { sys::Queue::unlink(name); });
  log::info(
      "unlinked {}: the name is gone; processes that have the queue open keep using it until they close it",
      name);
}

} // namespace ipcdemo::mq
