// SPDX-License-Identifier: MIT
#include "sem/named.hpp"

#include "ipc/hints.hpp"
#include "ipc/name.hpp"
#include "ipc/open_or_create.hpp"
#include "ipc/planted.hpp"

#include <fcntl.h>

namespace ipcdemo::sem {

Created create(const std::string& name, mode_t mode, unsigned value, bool exclusive) {
  auto opened = open_or_create(
      ObjectKind::sem, name, exclusive,
      [&] { return sys::Semaphore::open(name, O_CREAT | O_EXCL, mode, value); },
      [&] { return sys::Semaphore::open(name, 0); });
  return {std::move(opened.handle), opened.created};
}

sys::Semaphore open(const std::string& name) {
  return with_ipc_hint(ObjectKind::sem, Operation::open_write, name,
                       [&] { return sys::Semaphore::open(name, 0); });
}

void unlink(const std::string& name) {
  remove_name(ObjectKind::sem, name, [&] { sys::Semaphore::unlink(name); });
}

} // namespace ipcdemo::sem
