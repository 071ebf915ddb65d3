#include "sys/seek.hpp"

#include "base/error.hpp"
#include "sys/narrate.hpp"

#include <unistd.h>

#include <cerrno>

namespace ipcdemo::sys {

namespace {
const char* whence_name(int whence) {
  switch (whence) {
    case SEEK_SET: return "SEEK_SET";
    case SEEK_CUR: return "SEEK_CUR";
    case SEEK_END: return "SEEK_END";
    default: return "?";
  }
}
} // namespace

off_t lseek(const Fd& fd, off_t offset, int whence) {
  const off_t at = ::lseek(fd.get(), offset, whence);
  const int err = errno;
  if (narrate::on())
    narrate::emit("lseek", fmt::format("{}, {}, {}", fd.get(), offset, whence_name(whence)),
                  narrate::result(at, err));
  if (at < 0) throw SysError("lseek", fd.name(), err);
  return at;
}

} // namespace ipcdemo::sys
