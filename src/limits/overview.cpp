// SPDX-License-Identifier: MIT
#include "limits/overview.hpp"

#include "base/wrap.hpp"

#include "base/json.hpp"
#include "base/size_text.hpp"
#include "ipc/listing.hpp"
#include "mq/limits.hpp"
#include "sys/directory.hpp"
#include "sys/process.hpp"

#include <semaphore.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <climits>

namespace ipcdemo::limits {

namespace {

std::optional<std::uint64_t> read_number(const std::string& path) {
  const auto text = sys::read_small_file(path, nullptr, 64);
  if (!text) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc()) return std::nullopt;
  return value;
}

// What the queues of this IPC namespace use: their count, the largest of each
// attribute, and the bytes charged to this user's RLIMIT_MSGQUEUE.
struct QueueUse {
  bool known = false;
  std::string why_unknown;
  std::uint64_t count = 0;
  std::uint64_t largest_maxmsg = 0;
  std::uint64_t largest_msgsize = 0;
  std::uint64_t charged_to_me = 0;
  std::size_t unreadable_mine = 0; // this user's queues whose attributes we could not read
};

QueueUse queue_use() {
  QueueUse use;
  const auto listing = ls::list({.kinds = {ObjectKind::mq}});
  if (!listing.mqueue_read) {
    use.why_unknown =
        ::geteuid() == 0 ? listing.mqueue_problem : "the mqueue fs is not mounted (mount it, or run as root)";
    return use;
  }
  use.known = true;
  const uid_t me = ::getuid(); // the kernel charges the real user's ucounts
  for (const auto& row : listing.rows) {
    ++use.count;
    if (row.maxmsg) use.largest_maxmsg = std::max<std::uint64_t>(use.largest_maxmsg, *row.maxmsg);
    if (row.msgsize) use.largest_msgsize = std::max<std::uint64_t>(use.largest_msgsize, *row.msgsize);
    if (row.uid != me) continue;
    if (row.maxmsg && row.msgsize)
      use.charged_to_me += mq::charged_bytes(static_cast<long>(*row.maxmsg), static_cast<long>(*row.msgsize));
    else
      ++use.unreadable_mine;
  }
  return use;
}

Limit rlimit_entry(int resource, std::string name, std::string description, std::string unit,
                   std::string raise) {
  Limit limit{.resource = std::move(name), .description = std::move(description), .unit = std::move(unit)};
  if (const auto value = sys::resource_limit(resource)) {
    if (value->rlim_cur == RLIM_INFINITY)
      limit.unlimited = true;
    else
      limit.value = value->rlim_cur;
    limit.raise = fmt::format(
        "{} (hard limit: {})", raise,
        value->rlim_max == RLIM_INFINITY ? std::string("unlimited") : std::to_string(value->rlim_max));
  }
  return limit;
}

std::string amount(const std::optional<std::uint64_t>& value, bool unlimited, const std::string& unit) {
  if (unlimited) return "unlimited";
  if (!value) return "?";
  if (unit == "bytes") return human_size(*value);
  return std::to_string(*value);
}

std::string json_number(const std::optional<std::uint64_t>& value) {
  return value ? std::to_string(*value) : "null";
}

} // namespace

std::vector<Limit> read_all() {
  std::vector<Limit> out;
  const QueueUse use = queue_use();
  const auto queue_used = [&](std::uint64_t value,
                              std::string note) -> std::pair<std::optional<std::uint64_t>, std::string> {
    if (!use.known) return {std::nullopt, use.why_unknown};
    return {value, std::move(note)};
  };
  const std::string sysctl_note = "; CAP_SYS_RESOURCE (root, usually) is not bound by it";
  {
    auto [used, note] = queue_used(use.count, "queues in this IPC namespace");
    out.push_back({.resource = "mq queues_max",
                   .description = "message queues in this IPC namespace, all users together",
                   .value = read_number(mq::queues_max_file),
                   .used = used,
                   .used_note = note,
                   .unit = "queues",
                   .from = mq::queues_max_file,
                   .raise = "as root: sysctl fs.mqueue.queues_max=N" + sysctl_note});
  }
  {
    auto [used, note] = queue_used(use.largest_maxmsg, "the largest maxmsg of a queue (a ceiling per queue)");
    out.push_back({.resource = "mq msg_max",
                   .description = "messages one queue may hold (mq_attr.mq_maxmsg)",
                   .value = read_number(mq::msg_max_file),
                   .used = used,
                   .used_note = note,
                   .unit = "messages",
                   .from = mq::msg_max_file,
                   .raise = fmt::format("as root: sysctl fs.mqueue.msg_max=N (at most {}){}",
                                        mq::hard_msg_max, sysctl_note),
                   .ceiling = true});
  }
  {
    auto [used, note] =
        queue_used(use.largest_msgsize, "the largest msgsize of a queue (a ceiling per queue)");
    out.push_back({.resource = "mq msgsize_max",
                   .description = "bytes of one message (mq_attr.mq_msgsize)",
                   .value = read_number(mq::msgsize_max_file),
                   .used = used,
                   .used_note = note,
                   .unit = "bytes",
                   .from = mq::msgsize_max_file,
                   .raise = fmt::format("as root: sysctl fs.mqueue.msgsize_max=N (at most {}){}",
                                        mq::hard_msgsize_max, sysctl_note),
                   .ceiling = true});
  }
  out.push_back({.resource = "mq msg_default",
                 .description = "maxmsg of a queue created without attributes",
                 .value = read_number("/proc/sys/fs/mqueue/msg_default"),
                 .used_note = "a default, not a use",
                 .unit = "messages",
                 .from = "/proc/sys/fs/mqueue/msg_default",
                 .raise = "as root: sysctl fs.mqueue.msg_default=N (at most msg_max)"});
  out.push_back({.resource = "mq msgsize_default",
                 .description = "msgsize of a queue created without attributes",
                 .value = read_number("/proc/sys/fs/mqueue/msgsize_default"),
                 .used_note = "a default, not a use",
                 .unit = "bytes",
                 .from = "/proc/sys/fs/mqueue/msgsize_default",
                 .raise = "as root: sysctl fs.mqueue.msgsize_default=N (at most msgsize_max)"});
  {
    Limit limit = rlimit_entry(RLIMIT_MSGQUEUE, "RLIMIT_MSGQUEUE",
                               "bytes charged for all queues of this user: per queue maxmsg x (msgsize + 48)"
                               " + 48 per message up to 32768",
                               "bytes", "ulimit -q N, prlimit --msgqueue=N, or msgqueue in limits.conf");
    limit.from = "getrlimit(RLIMIT_MSGQUEUE)";
    if (use.known) {
      limit.used = use.charged_to_me;
      limit.used_note =
          fmt::format("charged for the queues of uid {}, computed as the kernel does", ::getuid());
      if (use.unreadable_mine > 0)
        limit.used_note += fmt::format(" ({} of them unreadable, not counted)", use.unreadable_mine);
    } else {
      limit.used_note = use.why_unknown;
    }
    out.push_back(std::move(limit));
  }
  {
    Limit limit{.resource = "/dev/shm size",
                .description = "bytes of the tmpfs that holds segments and semaphores",
                .unit = "bytes",
                .from = "statvfs(/dev/shm)",
                .raise = "as root: mount -o remount,size=N /dev/shm (or size= in /etc/fstab)"};
    struct statvfs info {};
    if (::statvfs("/dev/shm", &info) == 0) {
      limit.value = static_cast<std::uint64_t>(info.f_blocks) * info.f_frsize;
      limit.used = static_cast<std::uint64_t>(info.f_blocks - info.f_bfree) * info.f_frsize;
      limit.used_note = fmt::format("bytes in use; {} available to this user",
                                    human_size(static_cast<std::uint64_t>(info.f_bavail) * info.f_frsize));
      out.push_back(std::move(limit));
      out.push_back({.resource = "/dev/shm inodes",
                     .description = "files in /dev/shm: one per segment or semaphore",
                     .value = static_cast<std::uint64_t>(info.f_files),
                     .used = static_cast<std::uint64_t>(info.f_files - info.f_ffree),
                     .used_note = "files in use",
                     .unit = "files",
                     .from = "statvfs(/dev/shm)",
                     .raise = "as root: mount -o remount,nr_inodes=N /dev/shm"});
    } else {
      limit.used_note = "statvfs failed";
      out.push_back(std::move(limit));
    }
  }
  out.push_back({.resource = "SEM_VALUE_MAX",
                 .description = "the largest value of a semaphore (sem_post past it fails with EOVERFLOW)",
                 .value = static_cast<std::uint64_t>(::sysconf(_SC_SEM_VALUE_MAX)),
                 .used_note = "a ceiling per semaphore, not a use",
                 .unit = "value",
                 .from = "sysconf(_SC_SEM_VALUE_MAX), <semaphore.h>",
                 .raise = "fixed by glibc (INT_MAX)"});
  {
    const long nsems = ::sysconf(_SC_SEM_NSEMS_MAX);
    Limit limit{.resource = "SEM_NSEMS_MAX",
                .description = "semaphores one process may have open",
                .used_note = "no count is kept",
                .unit = "semaphores",
                .from = "sysconf(_SC_SEM_NSEMS_MAX)",
                .raise =
                    "no limit of its own: each named semaphore is a mapping (vm.max_map_count) and a "
                    "file in /dev/shm"};
    if (nsems < 0)
      limit.unlimited = true;
    else
      limit.value = static_cast<std::uint64_t>(nsems);
    out.push_back(std::move(limit));
  }
  {
    Limit limit = rlimit_entry(RLIMIT_NOFILE, "RLIMIT_NOFILE",
                               "open descriptors of this process: each open segment and queue uses one",
                               "descriptors", "ulimit -n N, prlimit --nofile=N, or nofile in limits.conf");
    limit.from = "getrlimit(RLIMIT_NOFILE)";
    limit.used = sys::count_open_descriptors();
    limit.used_note = limit.used ? "open in this process" : "/proc/self/fd unreadable";
    out.push_back(std::move(limit));
  }
  return out;
}

std::string format_table(const std::vector<Limit>& limits, std::size_t width) {
  std::size_t name_width = 8;
  for (const auto& limit : limits) name_width = std::max(name_width, limit.resource.size());
  const std::string_view row_format = "{:<{}} {:>10} {:>10} {:>5}";
  std::string out = fmt::format(fmt::runtime(row_format), "RESOURCE", name_width, "LIMIT", "USED", "USE%") +
                    "  DESCRIPTION\n";
  const std::string indent(name_width + 3, ' ');
  const std::string continued = indent + "  ";
  const auto notes = [&](std::string_view text) {
    std::string lines;
    for (const auto& line : wrap(text, width, indent, continued)) lines += line + "\n";
    return lines;
  };
  for (const auto& limit : limits) {
    std::string percent = "-";
    // A ceiling per object is not filled by the objects: 100% would read as a shortage.
    if (limit.used && limit.value && *limit.value > 0 && !limit.ceiling)
      percent = fmt::format("{:.0f}%",
                            100.0 * static_cast<double>(*limit.used) / static_cast<double>(*limit.value));
    const std::string row = fmt::format(fmt::runtime(row_format), limit.resource, name_width,
                                        amount(limit.value, limit.unlimited, limit.unit),
                                        limit.used ? amount(limit.used, false, limit.unit) : "-", percent);
    // The description beside the figures where it fits, else on a line of its own.
    if (row.size() + 2 + limit.description.size() <= width)
      out += row + "  " + limit.description + "\n";
    else
      out += row + "\n" + notes(limit.description);
    out += notes(fmt::format("from: {}; used: {}", limit.from, limit.used_note));
    out += notes(fmt::format("raise: {}", limit.raise));
  }
  return out;
}

std::string format_json(const std::vector<Limit>& limits) {
  std::string out = "[";
  for (const auto& limit : limits) {
    out += out.size() == 1 ? "\n  " : ",\n  ";
    out += fmt::format(
        "{{\"resource\":{},\"description\":{},\"limit\":{},\"unlimited\":{},\"used\":{},\"used_note\":{},"
        "\"unit\":{},\"from\":{},\"raise\":{}}}",
        json_string(limit.resource), json_string(limit.description), json_number(limit.value),
        limit.unlimited ? "true" : "false", json_number(limit.used), json_string(limit.used_note),
        json_string(limit.unit), json_string(limit.from), json_string(limit.raise));
  }
  return out + "\n]\n";
}

} // namespace ipcdemo::limits
