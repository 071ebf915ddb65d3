#include "shm/segment.hpp"

#include "base/error.hpp"
#include "ipc/hints.hpp"
#include "ipc/open_or_create.hpp"
#include "sys/shm.hpp"

#include <fcntl.h>

#include <fmt/format.h>

#include <limits>

namespace ipcdemo::shm {

Created create(const std::string& name, std::uint64_t size, mode_t mode, bool exclusive) {
  if (size > static_cast<std::uint64_t>(std::numeric_limits<off_t>::max()))
    throw UsageError(fmt::format("--size {} is larger than a file can be", size));
  auto opened = open_or_create(
      ObjectKind::shm, name, exclusive,
      [&] {
        sys::Fd fd = sys::shm_open(name, O_CREAT | O_EXCL | O_RDWR, mode);
        sys::ftruncate(fd, static_cast<off_t>(size));
        return fd;
      },
      [&] { return sys::shm_open(name, O_RDWR); });
  const struct stat status = sys::fstat(opened.handle);
  return {std::move(opened.handle), opened.created, status};
}

sys::Fd open(const std::string& name, int flags) {
  const Operation operation = flags == O_RDONLY ? Operation::open_read : Operation::open_write;
  return with_ipc_hint(ObjectKind::shm, operation, name, [&] { return sys::shm_open(name, flags); });
}

void unlink(const std::string& name) {
  with_ipc_hint(ObjectKind::shm, Operation::unlink, name, [&] { sys::shm_unlink(name); });
}

} // namespace ipcdemo::shm
