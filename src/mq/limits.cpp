#include "mq/limits.hpp"

#include "base/error.hpp"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <string>
#include <vector>

namespace ipcdemo::mq {

namespace {

std::optional<long> read_number(const char* path) {
  std::ifstream in(path);
  long value = 0;
  if (in >> value) return value;
  return std::nullopt;
}

std::string value_or_unknown(const std::optional<long>& value) {
  return value ? std::to_string(*value) : std::string("unknown");
}

// CAP_SYS_RESOURCE in the effective set, read from /proc/self/status (no libcap needed).
bool has_sys_resource() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (!line.starts_with("CapEff:")) continue;
    const auto bits = std::stoull(line.substr(7), nullptr, 16);
    return (bits >> 24 & 1U) != 0; // CAP_SYS_RESOURCE is capability 24
  }
  return false;
}

} // namespace

Limits read_limits() {
  Limits limits;
  limits.msg_max = read_number(msg_max_file);
  limits.msgsize_max = read_number(msgsize_max_file);
  limits.queues_max = read_number(queues_max_file);
  rlimit limit{};
  if (getrlimit(RLIMIT_MSGQUEUE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    limits.rlimit_msgqueue = limit.rlim_cur;
  limits.privileged = has_sys_resource();
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

std::string explain_create_error(int err, long maxmsg, long msgsize, const Limits& limits) {
  switch (err) {
    case EINVAL: {
      std::vector<std::string> reasons;
      const long max_n = limits.privileged ? hard_msg_max : limits.msg_max.value_or(hard_msg_max);
      const long max_size =
          limits.privileged ? hard_msgsize_max : limits.msgsize_max.value_or(hard_msgsize_max);
      if (maxmsg > max_n)
        reasons.push_back(
            limits.privileged
                ? fmt::format("--maxmsg {} exceeds the hard ceiling HARD_MSGMAX = {}", maxmsg, hard_msg_max)
                : fmt::format("--maxmsg {} exceeds the limit msg_max = {} (set in {}; as root: sysctl "
                              "fs.mqueue.msg_max={})",
                              maxmsg, value_or_unknown(limits.msg_max), msg_max_file, maxmsg));
      if (msgsize > max_size)
        reasons.push_back(
            limits.privileged
                ? fmt::format("--msgsize {} exceeds the hard ceiling HARD_MSGSIZEMAX = {}", msgsize,
                              hard_msgsize_max)
                : fmt::format("--msgsize {} exceeds the limit msgsize_max = {} (set in {}; as root: sysctl "
                              "fs.mqueue.msgsize_max={})",
                              msgsize, value_or_unknown(limits.msgsize_max), msgsize_max_file, msgsize));
      if (reasons.empty())
        return fmt::format(
            "the kernel refused maxmsg {} x msgsize {}; the limits are msg_max = {} ({}) and msgsize_max = "
            "{} "
            "({}); without CAP_SYS_RESOURCE they apply to root too",
            maxmsg, msgsize, value_or_unknown(limits.msg_max), msg_max_file,
            value_or_unknown(limits.msgsize_max), msgsize_max_file);
      std::string hint = fmt::format("{}", fmt::join(reasons, "; and "));
      if (!limits.privileged) hint += "; without CAP_SYS_RESOURCE these limits apply to root too";
      return hint;
    }
    case ENOSPC:
      return fmt::format(
          "the limit queues_max = {} is reached: that many message queues exist in this IPC namespace "
          "(set in {}; unlink queues no longer needed, or as root: sysctl fs.mqueue.queues_max=N)",
          value_or_unknown(limits.queues_max), queues_max_file);
    case EMFILE: {
      if (descriptor_limit_reached()) {
        rlimit limit{};
        ::getrlimit(RLIMIT_NOFILE, &limit);
        return fmt::format("the open-file limit RLIMIT_NOFILE (ulimit -n) is {}", limit.rlim_cur);
      }
      const std::string budget = limits.rlimit_msgqueue ? fmt::format("{} bytes", *limits.rlimit_msgqueue)
                                                        : std::string("unlimited");
      return fmt::format(
          "not 'too many open files' here: the queue would be charged about {} bytes (maxmsg {} x (msgsize "
          "{} "
          "+ kernel overhead)) against the limit RLIMIT_MSGQUEUE = {} for all queues of user {} together "
          "(see 'ulimit -q' or 'prlimit --msgqueue'; lower --maxmsg/--msgsize, unlink this user's unused "
          "queues, or raise the limit; rarely the cause is the descriptor limit RLIMIT_NOFILE, 'ulimit -n')",
          charged_bytes(maxmsg, msgsize), maxmsg, msgsize, budget, getuid());
    }
    case ENFILE: return "the system-wide limit on open files (/proc/sys/fs/file-max) is reached";
    case ENOMEM: return "the kernel could not allocate the queue's memory";
    default: return {};
  }
}

} // namespace ipcdemo::mq
