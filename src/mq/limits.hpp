// SPDX-License-Identifier: MIT
// The limits the kernel puts on message queues, and the explanation of an
// mq_open failure caused by one of them. The screenplay's lesson "think about
// sizes" meets the system here: every limit error names the limit, its current
// value and the file or rlimit that sets it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace ipcdemo::mq {

// Values in force for this process; nullopt where a file could not be read.
struct Limits {
  std::optional<long> msg_max;                  // /proc/sys/fs/mqueue/msg_max
  std::optional<long> msgsize_max;              // /proc/sys/fs/mqueue/msgsize_max
  std::optional<long> queues_max;               // /proc/sys/fs/mqueue/queues_max
  std::optional<std::uint64_t> rlimit_msgqueue; // soft RLIMIT_MSGQUEUE; nullopt = unlimited
  bool privileged = false;                      // CAP_SYS_RESOURCE in effect: the sysctl limits do not apply
  // The descriptor budget: open descriptors (nullopt: /proc/self/fd could not
  // even be opened, itself a sign they ran out) and soft RLIMIT_NOFILE.
  std::optional<std::uint64_t> open_fds;
  std::optional<std::uint64_t> rlimit_nofile;
};

inline constexpr const char* msg_max_file = "/proc/sys/fs/mqueue/msg_max";
inline constexpr const char* msgsize_max_file = "/proc/sys/fs/mqueue/msgsize_max";
inline constexpr const char* queues_max_file = "/proc/sys/fs/mqueue/queues_max";
// The ceilings that apply even with CAP_SYS_RESOURCE (HARD_MSGMAX, HARD_MSGSIZEMAX).
inline constexpr long hard_msg_max = 65536;
inline constexpr long hard_msgsize_max = 16L * 1024 * 1024;

Limits read_limits();

// The bytes a queue is charged against its owner's RLIMIT_MSGQUEUE (Linux's
// accounting on 64-bit: per message its size plus a struct msg_msg, plus one
// priority tree node per message up to MQ_PRIO_MAX).
std::uint64_t charged_bytes(long maxmsg, long msgsize);

// The hint for an mq_open(O_CREAT) failure with errno `err` when asking for
// `maxmsg` x `msgsize` (the values given, however large): which limit was hit,
// its value, and where it is set. It never suggests a sysctl value above the
// kernel's hard caps, which the kernel would refuse. Empty when `err` is not a
// limit error.
std::string explain_create_error(int err, std::uint64_t maxmsg, std::uint64_t msgsize, const Limits& limits);

// Whether an EMFILE came from the descriptor limit rather than RLIMIT_MSGQUEUE.
bool descriptors_ran_out(const Limits& limits);
// The hint for EMFILE when the descriptor limit ran out.
std::string explain_descriptor_limit(const Limits& limits);

} // namespace ipcdemo::mq
