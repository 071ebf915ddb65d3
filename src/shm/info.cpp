// SPDX-License-Identifier: MIT
#include "shm/info.hpp"

#include "base/escape.hpp"
#include "ipc/holders.hpp"
#include "ipc/name.hpp"
#include "ipc/owner.hpp"
#include "shm/counter.hpp"
#include "shm/segment.hpp"
#include "shm/sizing.hpp"
#include "shm/tally.hpp"
#include "sys/fd.hpp"

#include <fcntl.h>
#include <fmt/format.h>

#include <set>

namespace ipcdemo::shm {

namespace {

// The other processes that map the segment for writing: producers at work.
std::size_t writers_of(const std::string& name) {
  std::set<pid_t> writers;
  for (const auto& hold : holders::holds_of(holders::scan(), ObjectKind::shm, name))
    if (hold.way == holders::Way::mapped && hold.writable) writers.insert(hold.pid);
  return writers.size();
}

// The tally with the writers seen around it: read, scan /proc, read again, until
// the scan saw writers or the two reads agree (a producer that started or ended
// between them moved the words), so the writers counted are those of the tally.
void print_settled_tally(const Counter& counter, const std::string& name) {
  Tally tally = counter.tally();
  std::size_t writers = 0;
  for (int round = 0; round < 5; ++round) {
    writers = writers_of(name);
    const Tally again = counter.tally();
    const bool settled = again.counter == tally.counter && again.attempts == tally.attempts;
    tally = again;
    // Writers seen: the summary says so whatever the words do meanwhile; none
    // seen and the words still: that is the answer. Only a writer that came or
    // went between the reads asks for another look (a /proc scan each).
    if (settled || writers > 0) break;
  }
  print_tally(tally, writers);
}

} // namespace

void print_info(const std::string& name) {
  Opened opened = open(name, O_RDONLY);
  // Asked again, in the open: what shm info shows is fstat's answer, and -v shows
  // that call (open's own fstat is a check, narrated at -vv).
  opened.status = sys::fstat(opened.fd);
  const struct stat status = opened.status;
  fmt::print("path: {}\nsize: {}\nallocated: {}\nmode: {:04o}\nowner: {} (uid {})\ngroup: {} (gid {})\n",
             escape::visible(ipc_object_path(name, ObjectKind::shm)), status.st_size, allocated_text(status),
             status.st_mode & 07777, user_name(status.st_uid), status.st_uid, group_name(status.st_gid),
             status.st_gid);
  if (static_cast<std::size_t>(status.st_size) < counter_size)
    fmt::print("counter: none (the segment is shorter than the {}-byte counter)\n", counter_size);
  else
    print_settled_tally(Counter::map(std::move(opened), false), name);
}

} // namespace ipcdemo::shm
