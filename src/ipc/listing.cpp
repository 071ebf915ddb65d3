// SPDX-License-Identifier: MIT
#include "ipc/listing.hpp"

#include "base/error.hpp"
#include "base/signals.hpp"
#include "ipc/mqueue_fs.hpp"
#include "ipc/name.hpp"
#include "ipc/objects.hpp"
#include "ipc/pattern.hpp"
#include "ipc/planted.hpp"
#include "sys/fd.hpp"
#include "sys/message_queue.hpp"
#include "sys/narrate.hpp"
#include "sys/semaphore_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <tuple>

namespace ipcdemo::ls {

namespace {

// The attributes every row has, from stat(2) of the file that shows the object
// (or fstat of a descriptor already open).
void set_status(Row& row, const struct stat& info) {
  row.mode = info.st_mode & 07777;
  row.uid = info.st_uid;
  row.gid = info.st_gid;
  row.mtime = info.st_mtime;
  row.ctime = info.st_ctime;
  if (row.kind == ObjectKind::shm) row.bytes = info.st_size;
  if (!S_ISREG(info.st_mode) && row.kind != ObjectKind::mq) row.problem = "not a regular file";
}

Row row_of(const ObjectFile& file, const sys::Fd& directory) {
  Row row{.kind = file.kind, .name = file.name, .path = file.path};
  try {
    // lstat: a symbolic link someone planted is described, never followed. In the
    // directory already open when there is one: no path walk per object.
    const struct stat info =
        directory.valid() ? sys::lstat_at(directory, file.entry, row.path) : sys::lstat(row.path);
    set_status(row, info);
    if (!S_ISREG(info.st_mode)) {
      row.problem = not_an_object(row.path, info, file.kind).what();
      row.not_an_object = true;
    }
  } catch (const SysError& error) {
    row.problem = error.what();
  }
  return row;
}

// Whether the file's name gives an object a name: /dev/shm/sem. gives semaphore
// "/", which no call accepts (anyone may make such a file).
bool valid_name(const Row& row) {
  try {
    normalize_ipc_name(row.name, row.kind);
    return true;
  } catch (const UsageError&) {
    return false;
  }
}

std::string_view kind_title(ObjectKind kind) {
  return kind == ObjectKind::shm   ? "shared memory segment"
         : kind == ObjectKind::sem ? "semaphore"
                                   : "message queue";
}

// A semaphore is glibc's sem_t in a file: its value and waiters are the first
// word, read and checked with one open and one pread (sys/semaphore_file.hpp,
// the checks every sem command makes) instead of sem_open's open, mmap and
// munmap, which would cost three times as much at 10,000 semaphores; and read
// permission is enough.
void read_semaphore(Row& row) {
  try {
    const sys::SemaphoreWord word = sys::read_semaphore_file(row.name, row.path);
    row.value = word.value;
    // glibc counts threads asleep in sem_wait: never more than the kernel has
    // processes (PID_MAX_LIMIT, 2^22). More is a planted or damaged word, not a count.
    constexpr std::uint32_t most_waiters = 1U << 22;
    if (word.waiters > most_waiters)
      row.problem = fmt::format("{} holds {} in its waiters field: no count of sleepers (planted or damaged)",
                                row.path, word.waiters);
    else
      row.waiters = word.waiters;
  } catch (const Error& error) {
    row.problem = error.what();
  }
}

// A queue is opened read-only for mq_getattr, and its descriptor's fstat gives
// what stat of its file would (one path walk instead of two: 1,000 queues show it).
// It is opened in the directory that listed it (openat, half of mq_open's cost),
// and closed with others in one close_range. One we may not open is stat'ed by
// its path and listed with the reason.
Row queue_row(const ObjectFile& file, const mq::MqueueDirectory& directory, bool notify,
              sys::CloseBatch& closes) {
  Row row{.kind = file.kind, .name = file.name, .path = file.path};
  try {
    auto queue = directory.directory.valid() ? sys::Queue::open_in(directory.directory, row.name, O_RDONLY)
                                             : sys::Queue::open(row.name, O_RDONLY);
    set_status(row, queue.status());
    const mq_attr attributes = queue.attributes();
    row.curmsgs = attributes.mq_curmsgs;
    row.maxmsg = attributes.mq_maxmsg;
    row.msgsize = attributes.mq_msgsize;
    closes.add(queue.release());
  } catch (const Error& error) {
    row = row_of(file, directory.directory);
    if (row.problem.empty()) row.problem = error.what();
    return row;
  }
  if (notify)
    if (const auto queue_file = mq::read_queue_file(directory.path, row.name))
      row.notify_pid = queue_file->notify_pid.value_or(0);
  return row;
}

// Objects that only /proc still knows: unlinked, but mapped or open somewhere.
void add_deleted(Listing& listing, const Request& request) {
  for (const auto& hold : listing.scan->holds) {
    if (!hold.deleted || !any_matches(request.patterns, hold.name)) continue;
    if (std::find(request.kinds.begin(), request.kinds.end(), hold.kind) == request.kinds.end()) continue;
    const bool known = std::any_of(listing.rows.begin(), listing.rows.end(), [&](const Row& row) {
      return row.deleted && row.kind == hold.kind && row.name == hold.name;
    });
    if (known) continue;
    listing.rows.push_back({.kind = hold.kind, .name = hold.name, .path = "", .deleted = true});
  }
}

} // namespace

std::string_view kind_name(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::shm: return "shm";
    case ObjectKind::sem: return "sem";
    case ObjectKind::mq: return "mq";
    case ObjectKind::none: break;
  }
  return "?";
}

Listing list(const Request& request) {
  Listing listing;
  auto files = scan_object_files(request.kinds, request.private_mqueue);
  listing.mqueue_read = files.mqueue.has_value();
  listing.mqueue_private = files.mqueue && files.mqueue->private_mount;
  listing.mqueue_problem = files.mqueue_problem;
  sys::CloseBatch closes;
  for (const auto& file : files.files) {
    signals::throw_if_interrupted(); // each row stats a file: many rows take a while
    if (!any_matches(request.patterns, file.name)) continue;
    const bool open_queue = file.kind == ObjectKind::mq && request.queue_attributes;
    Row row = open_queue ? queue_row(file, *files.mqueue, request.notify || request.holders, closes)
                         : row_of(file, files.directory_of(file));
    if (!row.not_an_object && !valid_name(row)) {
      row.problem = fmt::format("{} names no {}: nothing follows 'sem.'", row.path, kind_title(row.kind));
      row.not_an_object = true;
    }
    if (row.problem.empty() && file.kind == ObjectKind::sem) read_semaphore(row);
    // A private mount's path (/proc/self/fd/N) means nothing once we exit.
    if (listing.mqueue_private && file.kind == ObjectKind::mq) row.path = "mqueue:" + row.name;
    listing.rows.push_back(std::move(row));
  }
  closes.close_all();
  if (request.holders) {
    // Our IPC namespace's mqueue instance, where we have it open: queues of others are not ours.
    std::optional<dev_t> mqueue_device;
    if (files.mqueue && files.mqueue->directory.valid()) {
      const narrate::Check check;
      mqueue_device = sys::fstat(files.mqueue->directory).st_dev;
    }
    listing.scan = holders::scan("/proc", mqueue_device);
    add_deleted(listing, request);
    for (auto& row : listing.rows)
      row.holders = holders::holds_of(*listing.scan, row.kind, row.name, row.deleted);
    // mq_notify registrations are no descriptor: the queue's file names the process.
    for (auto& row : listing.rows) {
      if (!row.notify_pid || *row.notify_pid == 0) continue;
      holders::Hold hold{.kind = row.kind,
                         .name = row.name,
                         .pid = static_cast<pid_t>(*row.notify_pid),
                         .way = holders::Way::notify};
      holders::fill_process(hold);
      row.holders.push_back(std::move(hold));
    }
  }
  // The files came sorted; only the unlinked objects that holders added need placing.
  if (request.holders)
    std::sort(listing.rows.begin(), listing.rows.end(), [](const Row& a, const Row& b) {
      return std::tie(a.kind, a.name, a.deleted) < std::tie(b.kind, b.name, b.deleted);
    });
  return listing;
}

} // namespace ipcdemo::ls
