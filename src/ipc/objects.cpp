// SPDX-License-Identifier: MIT
#include "ipc/objects.hpp"

#include "base/error.hpp"
#include "sys/directory.hpp"

#include <dirent.h>
#include <fcntl.h>

#include <algorithm>
#include <tuple>

namespace ipcdemo {

namespace {

bool wanted(const std::vector<ObjectKind>& kinds, ObjectKind kind) {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

// A directory we cannot read lists nothing; the caller's listing says what it could.
std::vector<sys::DirEntry> entries_of(const std::string& directory) {
  try {
    return sys::list_directory(directory);
  } catch (const SysError&) {
    return {};
  }
}

// Everything in the directory but . and ..: a FIFO, socket, link or directory
// planted under an object's name is listed, with what it is (ls shows it).
bool may_be_object(const sys::DirEntry& entry) { return entry.name != "." && entry.name != ".."; }

} // namespace

ObjectFiles scan_object_files(const std::vector<ObjectKind>& kinds, bool private_mqueue) {
  ObjectFiles result;
  if (wanted(kinds, ObjectKind::shm) || wanted(kinds, ObjectKind::sem)) {
    // An unreadable /dev/shm is an error (exit 1), never an empty listing.
    const auto entries = sys::list_directory("/dev/shm");
    try {
      result.shm_directory = sys::open("/dev/shm", O_RDONLY | O_DIRECTORY);
    } catch (const SysError&) {
      // Each file is then stat'ed by its path.
    }
    for (const auto& entry : entries) {
      if (!may_be_object(entry)) continue;
      const bool is_sem = entry.name.starts_with("sem.");
      const ObjectKind kind = is_sem ? ObjectKind::sem : ObjectKind::shm;
      if (!wanted(kinds, kind)) continue;
      result.files.push_back({.kind = kind,
                              .name = "/" + (is_sem ? entry.name.substr(4) : entry.name),
                              .path = "/dev/shm/" + entry.name,
                              .entry = entry.name});
    }
  }
  if (wanted(kinds, ObjectKind::mq)) {
    result.mqueue = mq::mqueue_directory(private_mqueue ? mq::PrivateMount::as_root : mq::PrivateMount::never,
                                         &result.mqueue_problem);
    if (result.mqueue)
      for (const auto& entry : entries_of(result.mqueue->path))
        if (may_be_object(entry))
          result.files.push_back({.kind = ObjectKind::mq,
                                  .name = "/" + entry.name,
                                  .path = result.mqueue->path + "/" + entry.name,
                                  .entry = entry.name});
  }
  std::sort(result.files.begin(), result.files.end(), [](const ObjectFile& a, const ObjectFile& b) {
    return std::tie(a.kind, a.name) < std::tie(b.kind, b.name);
  });
  return result;
}

const sys::Fd& ObjectFiles::directory_of(const ObjectFile& file) const {
  static const sys::Fd none;
  if (file.kind == ObjectKind::mq) return mqueue ? mqueue->directory : none;
  return shm_directory;
}

std::vector<std::string> live_object_names(ObjectKind kind) {
  // none: a pattern over every kind (ls, who, rm).
  const std::vector<ObjectKind> kinds = kind == ObjectKind::none
                                            ? std::vector{ObjectKind::shm, ObjectKind::sem, ObjectKind::mq}
                                            : std::vector{kind};
  std::vector<std::string> names;
  for (auto& file : scan_object_files(kinds, false).files) names.push_back(std::move(file.name));
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

} // namespace ipcdemo
