#include "shm/segment.hpp"

#include "base/error.hpp"
#include "sys/shm.hpp"

#include <fcntl.h>
#include <sys/mman.h>

#include <fmt/format.h>

#include <cerrno>
#include <limits>

namespace ipcdemo::shm {

namespace {
std::string create_hint(const std::string& name) {
  return fmt::format("create it first with: ipcdemo shm create {}", name);
}
} // namespace

Created create(const std::string& name, std::uint64_t size, mode_t mode, bool exclusive, SizeBy how) {
  if (size > static_cast<std::uint64_t>(std::numeric_limits<off_t>::max()))
    throw UsageError(fmt::format("--size {} is larger than a file can be", size));
  for (;;) {
    try {
      Created result{sys::shm_open(name, O_CREAT | O_EXCL | O_RDWR, mode), true, {}};
      // Size 0 is the state shm_open leaves a new segment in: nothing to do.
      if (size > 0) {
        try {
          give_size(result.fd, size, how);
        } catch (...) {
          ::shm_unlink(name.c_str()); // no half-made segment left behind
          throw;
        }
      }
      result.status = sys::fstat(result.fd);
      return result;
    } catch (const SysError& error) {
      if (error.call() != "shm_open" || error.err() != EEXIST) throw;
      if (exclusive)
        throw SysError(error.call(), name, EEXIST,
                       fmt::format("remove it first with: ipcdemo shm unlink {}", name));
    }
    // It exists: open it as it is. Should it vanish in between, try creating again.
    try {
      Created result{sys::shm_open(name, O_RDWR), false, {}};
      result.status = sys::fstat(result.fd);
      return result;
    } catch (const SysError& error) {
      if (error.err() != ENOENT) throw;
    }
  }
}

sys::Fd open(const std::string& name, int flags) {
  try {
    return sys::shm_open(name, flags);
  } catch (const SysError& error) {
    if (error.err() == ENOENT) throw SysError(error.call(), name, ENOENT, create_hint(name));
    if (error.err() == EACCES)
      throw SysError(error.call(), name, EACCES,
                     fmt::format("{} needs {} permission for you (see: ls -l /dev/shm{})",
                                 flags == O_RDONLY ? "reading" : "writing the counter",
                                 flags == O_RDONLY ? "read" : "read and write", name));
    throw;
  }
}

void unlink(const std::string& name) {
  try {
    sys::shm_unlink(name);
  } catch (const SysError& error) {
    if (error.err() == ENOENT)
      throw SysError(error.call(), name, ENOENT,
                     "there is no such segment (ls /dev/shm shows those there are)");
    throw;
  }
}

} // namespace ipcdemo::shm
