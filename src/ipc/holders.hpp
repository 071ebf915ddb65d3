// SPDX-License-Identifier: MIT
// Who holds a POSIX IPC object: the processes that map a segment or semaphore
// (/proc/PID/maps), hold a descriptor of a segment or queue (/proc/PID/fd and
// fdinfo), found in one pass over /proc. A segment or semaphore is matched by
// its device and inode, as lsof and fuser do, never by the path a process sees:
// a mapping through a bind mount of /dev/shm is a hold, and a namesake in another
// mount namespace (its own /dev/shm) is not. An object that was unlinked but is still
// mapped or open shows up here with `deleted` set: only /proc still knows it.
// Processes this user may not inspect are counted, not silently skipped.
// `ipcdemo who`, `ls --holders`, `rm --unused`, `watch` and `shm resize` use it.
#pragma once

#include "ipc/kind.hpp"

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipcdemo::holders {

enum class Way {
  mapped,     // mmap of the object's file (shm segment, glibc semaphore)
  descriptor, // an open descriptor (shm_open, mq_open)
  notify,     // registered with mq_notify (from the queue file's NOTIFY_PID)
};

struct Hold {
  ObjectKind kind = ObjectKind::none;
  std::string name;     // canonical "/x"
  bool deleted = false; // unlinked: the name is gone, the object is not
  pid_t pid = 0;
  std::string command; // /proc/PID/comm
  uid_t uid = 0;       // the owner of /proc/PID
  Way way = Way::mapped;
  bool writable = false;   // mapped with PROT_WRITE / opened for writing
  std::uint64_t bytes = 0; // mapped: bytes mapped in all its regions
  int fd = -1;             // descriptor: its number
  int flags = 0;           // descriptor: the open flags from fdinfo
};

struct Scan {
  std::vector<Hold> holds; // sorted by kind, name, pid
  std::size_t processes = 0;
  std::size_t uninspectable = 0; // processes whose maps or fds this user may not read
};

// One pass over `proc_root` (every process but this one). `mqueue_device`, the
// st_dev of this IPC namespace's mqueue file system where the caller has it open:
// a queue descriptor of another namespace (its own mqueue instance) is then not
// taken for ours; without it, queues are matched by the descriptor's name.
Scan scan(const std::string& proc_root = "/proc", std::optional<dev_t> mqueue_device = {});

// The holds of one object (deleted ones excluded unless asked for).
std::vector<Hold> holds_of(const Scan& scan, ObjectKind kind, std::string_view name, bool deleted = false);
// Sets `command` and `uid` of a hold made from a bare pid (mq_notify's NOTIFY_PID).
void fill_process(Hold& hold, const std::string& proc_root = "/proc");
// Whether any process holds the object by its name (deleted holds don't count).
bool is_held(const Scan& scan, ObjectKind kind, std::string_view name);

// ---- pure parts, for tests ------------------------------------------------
struct MappedFile {
  dev_t dev = 0;    // the file's device, as maps gives it (major:minor)
  ino_t inode = 0;  // and its inode: what a holder is matched by, never the path
  std::string path; // without " (deleted)"; the path in the process's own mount namespace
  bool deleted = false;
  bool writable = false;
  std::uint64_t bytes = 0;
};
// The file-backed mappings in one /proc/PID/maps text, one per file (regions of
// the same device and inode merged; writable if any region is).
std::vector<MappedFile> file_mappings(std::string_view maps);

struct ObjectRef {
  ObjectKind kind = ObjectKind::none;
  std::string name;
  bool deleted = false;
};
// "/dev/shm/sem.x (deleted)" -> sem "/x", deleted; nothing for other paths.
std::optional<ObjectRef> object_of_shm_path(std::string_view path);
// A descriptor link of a queue: "/x" or "/x (deleted)" (the mqueue fs's own root).
std::optional<ObjectRef> object_of_queue_link(std::string_view link);
// The "flags:" field of /proc/PID/fdinfo/N (octal).
std::optional<int> fdinfo_flags(std::string_view text);
// "O_RDONLY", "O_WRONLY|O_NONBLOCK", ...
std::string access_mode(int flags);
// "mapped rw 4K", "fd 3 O_RDONLY", "mq_notify".
std::string describe(const Hold& hold);

} // namespace ipcdemo::holders
