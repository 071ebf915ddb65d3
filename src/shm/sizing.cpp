// SPDX-License-Identifier: MIT
#include "shm/sizing.hpp"

#include "base/error.hpp"
#include "base/log.hpp"
#include "base/size_text.hpp"
#include "ipc/holders.hpp"
#include "ipc/name.hpp"
#include "shm/counter.hpp"
#include "shm/segment.hpp"
#include "sys/seek.hpp"
#include "sys/shm.hpp"
#include "sys/transfer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <limits>

namespace ipcdemo::shm {

void give_size(const sys::Fd& fd, std::uint64_t size, SizeBy how) {
  if (size > static_cast<std::uint64_t>(std::numeric_limits<off_t>::max()))
    throw UsageError(fmt::format("size {} is larger than a file can be", size));
  if (how == SizeBy::ftruncate) {
    sys::ftruncate(fd, static_cast<off_t>(size));
    return;
  }
  if (size == 0) throw UsageError("--hole needs a size of at least 1: it writes the last byte");
  const struct stat status = sys::fstat(fd);
  if (static_cast<std::uint64_t>(status.st_size) >= size)
    throw UsageError(
        fmt::format("--hole can only make {} larger (it has {} bytes): writing byte {} would "
                    "overwrite data; shorten it without --hole",
                    fd.name(), status.st_size, size - 1));
  // The screenplay's alternative: everything before the byte is a hole, read as zeros.
  sys::lseek(fd, static_cast<off_t>(size - 1), SEEK_SET);
  const char zero = 0;
  sys::write_all(fd.get(), fd.name(), &zero, 1);
}

Resized resize(const std::string& name, std::uint64_t size, SizeBy how) {
  const Opened opened = shm::open(name, O_RDWR);
  const sys::Fd& fd = opened.fd;
  Resized result;
  result.old_size = static_cast<std::uint64_t>(opened.status.st_size);
  if (how == SizeBy::hole && size <= result.old_size)
    throw UsageError(
        fmt::format("--hole can only make {} larger (it has {} bytes): shorten it without --hole", name,
                    result.old_size));
  if (size < result.old_size) {
    // Who maps it (by device and inode, as who finds them): their next touch past the new end is a SIGBUS.
    const holders::Scan scan = holders::scan();
    std::string mappers;
    for (const auto& hold : holders::holds_of(scan, ObjectKind::shm, name))
      if (hold.way == holders::Way::mapped)
        mappers += fmt::format("{}pid {} ({})", mappers.empty() ? "" : ", ", hold.pid, hold.command);
    const std::string unchecked =
        scan.uninspectable == 0 ? std::string()
                                : fmt::format("{} process{} not checked (their maps are not readable to you)",
                                              scan.uninspectable, scan.uninspectable == 1 ? "" : "es");
    if (!mappers.empty())
      log::warn(
          "{} is mapped by {}{}: shortening it to {} bytes makes their next touch past byte {} a SIGBUS",
          name, mappers, unchecked.empty() ? "" : "; " + unchecked, size, size);
    else if (!unchecked.empty())
      log::info("shortening {}; no process you can see maps it, {}", name, unchecked);
  }
  give_size(fd, size, how);
  result.status = sys::fstat(fd);
  return result;
}

void note_size(const std::string& name, const struct stat& status) {
  const auto size = static_cast<std::uint64_t>(status.st_size);
  if (size < counter_size)
    log::info(
        "{} has {} bytes: too few for the {}-byte counter; before produce or consume, give it a size: "
        "ipcdemo shm resize {} 4096",
        name, size, counter_size, name);
  else if (size < layout_size)
    log::info("{} has {} bytes: room for the counter but not for the attempts, which will not be recorded",
              name, size);
}

std::string allocated_text(const struct stat& status) {
  // st_blocks counts 512-byte units whatever the file system's block size.
  const auto bytes = static_cast<std::uint64_t>(status.st_blocks) * 512;
  return fmt::format("{} ({} of 512 bytes)", bytes,
                     counted(static_cast<std::uint64_t>(status.st_blocks), "block"));
}

} // namespace ipcdemo::shm
