// SPDX-License-Identifier: MIT
#include "ipc/holders.hpp"

#include "base/error.hpp"
#include "base/signals.hpp"
#include "base/size_text.hpp"
#include "sys/directory.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <map>
#include <tuple>

namespace ipcdemo::holders {

namespace {

constexpr std::string_view shm_directory = "/dev/shm/";
constexpr std::string_view deleted_suffix = " (deleted)";
constexpr long mqueue_magic = 0x19800202; // MQUEUE_MAGIC, linux/magic.h

std::uint64_t hex(std::string_view text) {
  std::uint64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value, 16);
  return value;
}

bool denied(int err) { return err == EACCES || err == EPERM; }

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// The fields of a maps line: range, perms, device, inode, and the path after them.
struct Line {
  std::string_view range, perms, device, inode, path;
};

std::optional<Line> split_line(std::string_view line) {
  Line out;
  std::size_t at = 0;
  std::string_view fields[5];
  for (auto& field : fields) {
    while (at < line.size() && line[at] == ' ') ++at;
    const std::size_t end = line.find(' ', at);
    if (end == std::string_view::npos) return std::nullopt;
    field = line.substr(at, end - at);
    at = end;
  }
  while (at < line.size() && line[at] == ' ') ++at;
  out.range = fields[0];
  out.perms = fields[1];
  out.device = fields[3];
  out.inode = fields[4];
  out.path = line.substr(at);
  return out;
}

// "00:1a" (hex major:minor) as a dev_t.
std::optional<dev_t> device_of(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  return makedev(static_cast<unsigned>(hex(text.substr(0, colon))),
                 static_cast<unsigned>(hex(text.substr(colon + 1))));
}

} // namespace

std::vector<MappedFile> file_mappings(std::string_view maps) {
  std::vector<MappedFile> files;
  while (!maps.empty()) {
    const auto newline = maps.find('\n');
    const std::string_view line = maps.substr(0, newline);
    maps = newline == std::string_view::npos ? std::string_view{} : maps.substr(newline + 1);
    const auto fields = split_line(line);
    if (!fields || fields->inode == "0") continue; // anonymous memory, the heap, the stack
    const auto dash = fields->range.find('-');
    const auto device = device_of(fields->device);
    std::uint64_t inode = 0;
    const auto [end, ec] =
        std::from_chars(fields->inode.data(), fields->inode.data() + fields->inode.size(), inode);
    if (dash == std::string_view::npos || !device || ec != std::errc()) continue;
    MappedFile file{.dev = *device, .inode = static_cast<ino_t>(inode), .path = std::string(fields->path)};
    if (file.path.ends_with(deleted_suffix)) {
      file.deleted = true;
      file.path.resize(file.path.size() - deleted_suffix.size());
    }
    file.writable = fields->perms.size() > 1 && fields->perms[1] == 'w';
    file.bytes = hex(fields->range.substr(dash + 1)) - hex(fields->range.substr(0, dash));
    const auto same = std::find_if(files.begin(), files.end(), [&](const MappedFile& known) {
      return known.dev == file.dev && known.inode == file.inode && known.deleted == file.deleted;
    });
    if (same == files.end()) {
      files.push_back(std::move(file));
    } else {
      same->bytes += file.bytes;
      same->writable = same->writable || file.writable;
    }
  }
  return files;
}

std::optional<ObjectRef> object_of_shm_path(std::string_view path) {
  ObjectRef ref;
  if (path.ends_with(deleted_suffix)) {
    ref.deleted = true;
    path.remove_suffix(deleted_suffix.size());
  }
  if (!path.starts_with(shm_directory)) return std::nullopt;
  path.remove_prefix(shm_directory.size());
  if (path.empty() || path.find('/') != std::string_view::npos) return std::nullopt;
  const bool is_sem = path.starts_with("sem.") && path.size() > 4;
  ref.kind = is_sem ? ObjectKind::sem : ObjectKind::shm;
  ref.name = "/" + std::string(is_sem ? path.substr(4) : path);
  return ref;
}

std::optional<ObjectRef> object_of_queue_link(std::string_view link) {
  ObjectRef ref{.kind = ObjectKind::mq};
  if (link.ends_with(deleted_suffix)) {
    ref.deleted = true;
    link.remove_suffix(deleted_suffix.size());
  }
  if (link.size() < 2 || link[0] != '/' || link.find('/', 1) != std::string_view::npos) return std::nullopt;
  ref.name = std::string(link);
  return ref;
}

std::optional<int> fdinfo_flags(std::string_view text) {
  const auto at = text.find("flags:");
  if (at == std::string_view::npos) return std::nullopt;
  std::size_t begin = at + 6;
  while (begin < text.size() && (text[begin] == ' ' || text[begin] == '\t')) ++begin;
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data() + begin, text.data() + text.size(), value, 8);
  if (ec != std::errc()) return std::nullopt;
  return value;
}

std::string access_mode(int flags) {
  std::string out;
  switch (flags & O_ACCMODE) {
    case O_RDONLY: out = "O_RDONLY"; break;
    case O_WRONLY: out = "O_WRONLY"; break;
    default: out = "O_RDWR"; break;
  }
  if ((flags & O_NONBLOCK) != 0) out += "|O_NONBLOCK";
  return out;
}

std::string describe(const Hold& hold) {
  switch (hold.way) {
    case Way::mapped: return fmt::format("mapped {} {}", hold.writable ? "rw" : "ro", human_size(hold.bytes));
    case Way::descriptor: return fmt::format("fd {} {}", hold.fd, access_mode(hold.flags));
    case Way::notify: return "mq_notify";
  }
  return "?";
}

namespace {

// The segments and semaphores of this mount namespace's /dev/shm, by device and
// inode; and /dev/shm's own device, which an unlinked one still has.
struct Catalogue {
  std::map<std::pair<dev_t, ino_t>, ObjectRef> objects;
  std::optional<dev_t> shm_device;

  const ObjectRef* find(dev_t dev, ino_t inode) const {
    const auto found = objects.find({dev, inode});
    return found == objects.end() ? nullptr : &found->second;
  }
  // An object unlinked from our /dev/shm: its path says which it was.
  std::optional<ObjectRef> deleted(dev_t dev, std::string_view path) const {
    if (!shm_device || dev != *shm_device) return std::nullopt; // another /dev/shm, or none
    auto ref = object_of_shm_path(path);
    if (ref) ref->deleted = true;
    return ref;
  }
};

Catalogue shm_catalogue() {
  Catalogue catalogue;
  const auto shm = sys::stat_if_there("/dev/shm");
  if (!shm) return catalogue;
  catalogue.shm_device = shm->st_dev;
  std::vector<sys::DirEntry> entries;
  try {
    entries = sys::list_directory("/dev/shm");
  } catch (const SysError&) {
    return catalogue; // unlinked objects are still found; named ones cannot be
  }
  for (const auto& entry : entries) {
    const std::string path = std::string(shm_directory) + entry.name;
    const auto info = sys::lstat_if_there(path);
    if (!info || !S_ISREG(info->st_mode)) continue;
    if (auto ref = object_of_shm_path(path))
      catalogue.objects[{info->st_dev, info->st_ino}] = std::move(*ref);
  }
  return catalogue;
}

// What one process holds; false when it may not be inspected.
bool scan_process(const std::string& dir, const Catalogue& catalogue, std::optional<dev_t> mqueue_device,
                  Hold& who, std::vector<Hold>& holds) {
  int err = 0;
  const auto maps = sys::read_small_file(dir + "/maps", &err);
  if (!maps) return !denied(err);
  for (const auto& file : file_mappings(*maps)) {
    std::optional<ObjectRef> ref;
    if (const ObjectRef* named = catalogue.find(file.dev, file.inode))
      ref = *named;
    else if (file.deleted)
      ref = catalogue.deleted(file.dev, file.path);
    if (!ref) continue;
    Hold hold = who;
    hold.kind = ref->kind;
    hold.name = ref->name;
    hold.deleted = ref->deleted;
    hold.way = Way::mapped;
    hold.writable = file.writable;
    hold.bytes = file.bytes;
    holds.push_back(std::move(hold));
  }
  std::vector<sys::DirEntry> fds;
  try {
    fds = sys::list_directory(dir + "/fd");
  } catch (const SysError& error) {
    return !denied(error.err());
  }
  for (const auto& entry : fds) {
    const std::string fd_path = dir + "/fd/" + entry.name;
    const auto link = sys::read_link(fd_path);
    if (!link || link->empty() || (*link)[0] != '/') continue; // pipes, sockets, anon inodes
    std::optional<ObjectRef> ref;
    const auto info = sys::stat_if_there(fd_path);
    if (info && S_ISREG(info->st_mode)) {
      if (const ObjectRef* named = catalogue.find(info->st_dev, info->st_ino))
        ref = *named;
      else if (link->ends_with(deleted_suffix))
        ref = catalogue.deleted(info->st_dev, *link);
    }
    if (!ref) {
      ref = object_of_queue_link(*link);
      // "/x" is also a file in the root directory: only the mqueue fs makes it a queue,
      // and only our IPC namespace's instance of it makes it one of ours.
      if (!ref || sys::file_system_type(fd_path) != mqueue_magic) continue;
      if (mqueue_device && info && info->st_dev != *mqueue_device) continue;
    }
    Hold hold = who;
    hold.kind = ref->kind;
    hold.name = ref->name;
    hold.deleted = ref->deleted;
    hold.way = Way::descriptor;
    std::from_chars(entry.name.data(), entry.name.data() + entry.name.size(), hold.fd);
    if (const auto info_text = sys::read_small_file(dir + "/fdinfo/" + entry.name))
      hold.flags = fdinfo_flags(*info_text).value_or(0);
    hold.writable = (hold.flags & O_ACCMODE) != O_RDONLY;
    holds.push_back(std::move(hold));
  }
  return true;
}

} // namespace

Scan scan(const std::string& proc_root, std::optional<dev_t> mqueue_device) {
  Scan result;
  const pid_t self = ::getpid();
  const Catalogue catalogue = shm_catalogue();
  for (const auto& entry : sys::list_directory(proc_root)) {
    signals::throw_if_interrupted(); // reading every process's maps and fds takes a while
    pid_t pid = 0;
    const auto [end, ec] = std::from_chars(entry.name.data(), entry.name.data() + entry.name.size(), pid);
    if (ec != std::errc() || end != entry.name.data() + entry.name.size() || pid == self) continue;
    const std::string dir = proc_root + "/" + entry.name;
    const auto info = sys::stat_if_there(dir);
    if (!info) continue; // ended meanwhile
    ++result.processes;
    Hold who{.pid = pid,
             .command = trimmed(sys::read_small_file(dir + "/comm").value_or("?")),
             .uid = info->st_uid};
    if (!scan_process(dir, catalogue, mqueue_device, who, result.holds)) ++result.uninspectable;
  }
  std::sort(result.holds.begin(), result.holds.end(), [](const Hold& a, const Hold& b) {
    return std::tie(a.kind, a.name, a.deleted, a.pid, a.way, a.fd) <
           std::tie(b.kind, b.name, b.deleted, b.pid, b.way, b.fd);
  });
  return result;
}

std::vector<Hold> holds_of(const Scan& scan, ObjectKind kind, std::string_view name, bool deleted) {
  // The holds are sorted by kind, name, deleted first: one binary search, not a walk (ls of 10,000 objects).
  const auto key = [](const Hold& hold) { return std::tie(hold.kind, hold.name, hold.deleted); };
  const std::string wanted(name);
  const auto probe = std::tie(kind, wanted, deleted);
  const auto first = std::lower_bound(scan.holds.begin(), scan.holds.end(), probe,
                                      [&](const Hold& hold, const auto& value) { return key(hold) < value; });
  std::vector<Hold> out;
  for (auto it = first; it != scan.holds.end() && key(*it) == probe; ++it) out.push_back(*it);
  return out;
}

void fill_process(Hold& hold, const std::string& proc_root) {
  const std::string dir = proc_root + "/" + std::to_string(hold.pid);
  hold.command = trimmed(sys::read_small_file(dir + "/comm").value_or("?"));
  if (const auto info = sys::stat_if_there(dir)) hold.uid = info->st_uid;
}

bool is_held(const Scan& scan, ObjectKind kind, std::string_view name) {
  return !holds_of(scan, kind, name).empty();
}

} // namespace ipcdemo::holders
