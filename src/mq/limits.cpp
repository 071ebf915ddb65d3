// SPDX-License-Identifier: MIT
#include "mq/limits.hpp"

#include "base/error.hpp"
#include "sys/directory.hpp"
#include "sys/process.hpp"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <string>
#include <vector>

namespace ipcdemo::mq {

namespace {

std::string value_or_unknown(const std::optional<long>& value) {
  return value ? std::to_string(*value) : std::string("unknown");
}

// CAP_SYS_RESOURCE in the effective set, read from /proc/self/status (no libcap needed).
bool has_sys_resource() {
  const auto status = sys::read_small_file("/proc/self/status");
  if (!status) return false;
  const auto at = status->find("\nCapEff:");
  if (at == std::string::npos) return false;
  std::uint64_t bits = 0;
  const char* const start = status->data() + at + 8;
  const char* const end = status->data() + status->size();
  const char* digits = start;
  while (digits < end && (*digits == ' ' || *digits == '\t')) ++digits;
  std::from_chars(digits, end, bits, 16);
  return (bits >> 24 & 1U) != 0; // CAP_SYS_RESOURCE is capability 24
}

std::string mib(std::uint64_t bytes) {
  constexpr std::uint64_t mebibyte = std::uint64_t{1024} * 1024;
  return bytes % mebibyte == 0 ? fmt::format("{} MiB", bytes / mebibyte) : fmt::format("{} bytes", bytes);
}

} // namespace

Limits read_limits() {
  Limits limits;
  limits.msg_max = sys::read_number(msg_max_file);
  limits.msgsize_max = sys::read_number(msgsize_max_file);
  limits.queues_max = sys::read_number(queues_max_file);
  if (const auto limit = sys::resource_limit(RLIMIT_MSGQUEUE); limit && limit->rlim_cur != RLIM_INFINITY)
    limits.rlimit_msgqueue = limit->rlim_cur;
  limits.privileged = has_sys_resource();
  limits.open_fds = sys::count_open_descriptors();
  if (const auto limit = sys::resource_limit(RLIMIT_NOFILE); limit && limit->rlim_cur != RLIM_INFINITY)
    limits.rlimit_nofile = limit->rlim_cur;
  return limits;
}

std::uint64_t charged_bytes(long maxmsg, long msgsize) {
  constexpr std::uint64_t msg_msg = 48;   // sizeof(struct msg_msg) on 64-bit
  constexpr std::uint64_t tree_node = 48; // sizeof(struct posix_msg_tree_node)
  constexpr std::uint64_t prio_max = 32768;
  const auto n = static_cast<std::uint64_t>(std::max(maxmsg, 0L));
  const auto size = static_cast<std::uint64_t>(std::max(msgsize, 0L));
  return n * (msg_msg + size) + std::min(n, prio_max) * tree_node;
}

bool descriptors_ran_out(const Limits& limits) {
  if (!limits.open_fds) return true; // not even /proc/self/fd could be opened
  return limits.rlimit_nofile && *limits.open_fds >= *limits.rlimit_nofile;
}

std::string explain_descriptor_limit(const Limits& limits) {
  const std::string open = limits.open_fds ? fmt::format("{} descriptors open", *limits.open_fds)
                                           : std::string("as many descriptors open");
  const std::string limit = limits.rlimit_nofile ? std::to_string(*limits.rlimit_nofile) : "unlimited";
  return fmt::format(
      "this process has {} as its limit RLIMIT_NOFILE ({}, 'ulimit -n') allows: a queue descriptor is a "
      "file descriptor, and none is left",
      open, limit);
}

std::string explain_create_error(int err, std::uint64_t maxmsg, std::uint64_t msgsize, const Limits& limits) {
  switch (err) {
    case EINVAL: {
      std::vector<std::string> reasons;
      const auto hard_n = static_cast<std::uint64_t>(hard_msg_max);
      const auto hard_size = static_cast<std::uint64_t>(hard_msgsize_max);
      const auto max_n =
          limits.privileged ? hard_n : static_cast<std::uint64_t>(limits.msg_max.value_or(hard_msg_max));
      const auto max_size = limits.privileged
                                ? hard_size
                                : static_cast<std::uint64_t>(limits.msgsize_max.value_or(hard_msgsize_max));
      if (maxmsg > hard_n)
        reasons.push_back(fmt::format(
            "--maxmsg {} exceeds the kernel's hard cap of {} messages per queue (HARD_MSGMAX), which no "
            "sysctl or capability lifts (msg_max here: {})",
            maxmsg, hard_n, value_or_unknown(limits.msg_max)));
      else if (maxmsg > max_n)
        reasons.push_back(
            fmt::format("--maxmsg {} exceeds the limit msg_max = {} (set in {}; as root: sysctl "
                        "fs.mqueue.msg_max={}, at most {})",
                        maxmsg, value_or_unknown(limits.msg_max), msg_max_file, maxmsg, hard_n));
      if (msgsize > hard_size)
        reasons.push_back(fmt::format(
            "--msgsize {} exceeds the kernel's hard cap of {} per message (HARD_MSGSIZEMAX = {}), which no "
            "sysctl or capability lifts (msgsize_max here: {})",
            msgsize, mib(hard_size), hard_size, value_or_unknown(limits.msgsize_max)));
      else if (msgsize > max_size)
        reasons.push_back(
            fmt::format("--msgsize {} exceeds the limit msgsize_max = {} (set in {}; as root: "
                        "sysctl fs.mqueue.msgsize_max={}, at most {})",
                        msgsize, value_or_unknown(limits.msgsize_max), msgsize_max_file, msgsize, hard_size));
      if (reasons.empty())
        return fmt::format(
            "the kernel refused maxmsg {} x msgsize {}; the limits are msg_max = {} ({}) and msgsize_max = "
            "{} ({}), the hard caps {} messages and {}; without CAP_SYS_RESOURCE the limits apply to root "
            "too",
            maxmsg, msgsize, value_or_unknown(limits.msg_max), msg_max_file,
            value_or_unknown(limits.msgsize_max), msgsize_max_file, hard_n, mib(hard_size));
      std::string hint = fmt::format("{}", fmt::join(reasons, "; and "));
      const bool only_hard = maxmsg > hard_n || msgsize > hard_size;
      if (!limits.privileged && !only_hard)
        hint += "; without CAP_SYS_RESOURCE these limits apply to root too";
      return hint;
    }
    case ENOSPC:
      return fmt::format(
          "the limit queues_max = {} is reached: that many message queues exist in this IPC namespace "
          "(set in {}; unlink queues no longer needed, or as root: sysctl fs.mqueue.queues_max=N)",
          value_or_unknown(limits.queues_max), queues_max_file);
    case EMFILE: {
      if (descriptors_ran_out(limits)) return explain_descriptor_limit(limits);
      const std::string budget = limits.rlimit_msgqueue ? fmt::format("{} bytes", *limits.rlimit_msgqueue)
                                                        : std::string("unlimited");
      return fmt::format(
          "not 'too many open files' here: the queue would be charged about {} bytes (maxmsg {} x (msgsize "
          "{} "
          "+ kernel overhead)) against the limit RLIMIT_MSGQUEUE = {} for all queues of user {} together "
          "(see 'ulimit -q' or 'prlimit --msgqueue'; lower --maxmsg/--msgsize, unlink this user's unused "
          "queues, or raise the limit)",
          charged_bytes(static_cast<long>(std::min<std::uint64_t>(maxmsg, hard_msg_max)),
                        static_cast<long>(std::min<std::uint64_t>(msgsize, hard_msgsize_max))),
          maxmsg, msgsize, budget, getuid());
    }
    case ENFILE: return "the system-wide limit on open files (/proc/sys/fs/file-max) is reached";
    case ENOMEM: return "the kernel could not allocate the queue's memory";
    default: return {};
  }
}

} // namespace ipcdemo::mq
