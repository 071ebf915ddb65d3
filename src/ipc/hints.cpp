// SPDX-License-Identifier: MIT
#include "ipc/hints.hpp"

#include "ipc/access_hint.hpp"

#include <fmt/format.h>

#include <array>
#include <cerrno>

namespace ipcdemo {

namespace {

struct Row {
  ObjectKind kind;
  Operation operation;
  int err;
  std::string_view hint; // {name}: the object's canonical name
};

constexpr auto shm = ObjectKind::shm;
constexpr auto sem = ObjectKind::sem;
constexpr auto mq = ObjectKind::mq;

constexpr std::array rows{
    Row{shm, Operation::open_read, ENOENT, "create it first with: ipcdemo shm create {name}"},
    Row{shm, Operation::open_write, ENOENT, "create it first with: ipcdemo shm create {name}"},
    Row{shm, Operation::open_read, EACCES,
        "reading needs read permission for you (see: ls -l /dev/shm{name})"},
    Row{shm, Operation::open_write, EACCES,
        "writing the counter needs read and write permission for you (see: ls -l /dev/shm{name})"},
    Row{shm, Operation::create, EEXIST, "remove it first with: ipcdemo shm unlink {name}"},
    Row{shm, Operation::unlink, ENOENT, "there is no such segment (ls /dev/shm shows those there are)"},

    Row{sem, Operation::open_read, ENOENT, "create it first with: ipcdemo sem create {name}"},
    Row{sem, Operation::open_write, ENOENT, "create it first with: ipcdemo sem create {name}"},
    Row{sem, Operation::create, EEXIST, "remove it first with: ipcdemo sem unlink {name}"},
    // SIGXFSZ is ignored (signals::install): glibc's write of the new file fails with EFBIG.
    Row{sem, Operation::create, EFBIG,
        "glibc writes a semaphore as a file of 32 bytes, above the file-size limit RLIMIT_FSIZE (see: "
        "ulimit -f); nothing was created"},
    Row{sem, Operation::unlink, ENOENT,
        "there is no such semaphore (ls /dev/shm/sem.* shows those there are)"},

    Row{mq, Operation::open_read, ENOENT, "create it first: ipcdemo mq create {name}"},
    Row{mq, Operation::open_write, ENOENT, "create it first: ipcdemo mq create {name}"},
    Row{mq, Operation::create, EEXIST,
        "--exclusive asks for a new queue; remove the old one with 'ipcdemo mq unlink {name}'"},
    Row{mq, Operation::create, EACCES,
        "the queue exists and its mode does not let this user open it ('ipcdemo mq info {name}' as its "
        "owner)"},
    Row{mq, Operation::unlink, ENOENT, "there is no message queue of that name (already unlinked?)"},
};

} // namespace

std::string ipc_hint(ObjectKind kind, Operation operation, int err, std::string_view name) {
  for (const auto& row : rows)
    if (row.kind == kind && row.operation == operation && row.err == err)
      return fmt::format(fmt::runtime(row.hint), fmt::arg("name", name));
  // Permission: say who owns the object and what its mode (or /dev/shm's sticky
  // bit) allows, rather than a bare EACCES (ipc/access_hint.hpp).
  if (err == EACCES || err == EPERM) {
    if (operation == Operation::unlink) return unlink_denied_hint(name, kind);
    if (operation == Operation::open_read) return open_denied_hint(name, kind, "read");
    if (operation == Operation::open_write) return open_denied_hint(name, kind, "write");
  }
  return {};
}

} // namespace ipcdemo
