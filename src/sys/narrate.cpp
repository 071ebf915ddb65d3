// SPDX-License-Identifier: MIT
#include "sys/narrate.hpp"

#include "base/escape.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstring>
#include <initializer_list>
#include <utility>

namespace ipcdemo::narrate {

namespace {
using Named = std::pair<int, const char*>;

// Joins the names of the bits set in `flags`; leftover bits are shown in hex so that
// nothing the caller passed is hidden.
std::string bit_names(int flags, std::initializer_list<Named> names, const char* when_zero) {
  std::string out;
  for (const auto& [bit, name] : names) {
    if (bit != 0 && (flags & bit) == bit) {
      if (!out.empty()) out += '|';
      out += name;
      flags &= ~bit;
    }
  }
  if (flags != 0) {
    if (!out.empty()) out += '|';
    out += fmt::format("{:#x}", static_cast<unsigned>(flags));
  }
  return out.empty() ? when_zero : out;
}
} // namespace

namespace {
struct LibraryCall {
  std::string_view name;
  std::string_view underneath;
};
// What glibc 2.36 does under each library function ipcdemo narrates (checked with
// strace on Debian 12; `ipcdemo --strace` shows it live).
constexpr LibraryCall library_calls[] = {
    {"shm_open", "openat(\"/dev/shm/NAME\", flags|O_NOFOLLOW|O_CLOEXEC)"},
    {"shm_unlink", "unlink(\"/dev/shm/NAME\")"},
    {"sem_open",
     "openat(\"/dev/shm/sem.NAME\") and mmap of its 32 bytes (to create: a temporary file, "
     "write, mmap, link)"},
    {"sem_close", "munmap of the semaphore's 32 bytes"},
    {"sem_unlink", "unlink(\"/dev/shm/sem.NAME\")"},
    {"sem_post", "an atomic add in the shared page; futex(FUTEX_WAKE) only when someone waits"},
    {"sem_wait", "an atomic decrement when the value is above 0, no system call; else futex(FUTEX_WAIT)"},
    {"sem_trywait", "an atomic decrement or EAGAIN: never a system call"},
    {"sem_timedwait", "like sem_wait, with futex's timeout when it must wait"},
    {"sem_clockwait", "like sem_wait, with futex's timeout when it must wait"},
    {"sem_getvalue", "a load from the shared page: no system call"},
    {"mq_send", "mq_timedsend(mqd, ..., NULL)"},
    {"mq_receive", "mq_timedreceive(mqd, ..., NULL)"},
    {"mq_getattr", "mq_getsetattr(mqd, NULL, &attr)"},
    {"mq_close", "close(mqd): a queue descriptor is a file descriptor"},
};
} // namespace

CallKind kind_of(std::string_view call) {
  return underneath(call).empty() ? CallKind::system : CallKind::library;
}

std::string_view underneath(std::string_view call) {
  for (const auto& known : library_calls)
    if (known.name == call) return known.underneath;
  return {};
}

namespace {
// Checks alive on this thread: a Check marks the calls of its own call stack, and
// the unit tests open segments from two threads at once.
thread_local int check_depth = 0;
} // namespace

Check::Check() noexcept { ++check_depth; }
Check::~Check() { --check_depth; }
bool checking() { return check_depth > 0; }

void check_note(std::string_view text) {
  if (log::enabled(log::Level::trace))
    log::detail::write_call(log::Level::trace, fmt::format("check: {}", text));
}

void note(std::string_view text) {
  if (on() && !checking()) log::detail::write_call(log::Level::debug, fmt::format("  # {}", text));
}

void emit(std::string_view call, std::string_view args, std::string_view result) {
  if (checking()) {
    check_note(fmt::format("{}({}) = {}", call, args, result));
    return;
  }
  log::detail::write_call(log::Level::debug, line(call, args, result));
  if (log::enabled(log::Level::trace))
    if (const auto below = underneath(call); !below.empty())
      log::detail::write_call(log::Level::trace,
                              fmt::format("     {} is a library call; in the kernel: {}", call, below));
}

std::string line(std::string_view call, std::string_view args, std::string_view result) {
  return fmt::format("{}: {}({}) = {}", kind_of(call) == CallKind::library ? "lib" : "sys", call, args,
                     result);
}

std::string quoted(std::string_view text) {
  // The text is a name or data from anywhere: escape::visible shows controls, bidi
  // overrides and invalid UTF-8 as escapes; only the quote is left to do here.
  std::string out = "\"";
  for (const char c : escape::visible(text)) {
    if (c == '"') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

std::string pointer(const void* address) { return address == nullptr ? "NULL" : fmt::format("{}", address); }

std::string octal(unsigned value) { return fmt::format("0{:o}", value); }

std::string file_mode(mode_t mode) {
  const char* type = "S_IFREG";
  switch (mode & S_IFMT) {
    case S_IFREG: type = "S_IFREG"; break;
    case S_IFDIR: type = "S_IFDIR"; break;
    case S_IFCHR: type = "S_IFCHR"; break;
    case S_IFBLK: type = "S_IFBLK"; break;
    case S_IFIFO: type = "S_IFIFO"; break;
    case S_IFSOCK: type = "S_IFSOCK"; break;
    case S_IFLNK: type = "S_IFLNK"; break;
    default: return octal(mode);
  }
  return fmt::format("{}|{}", type, octal(mode & 07777));
}

std::string open_flags(int flags) {
  static const char* const access[] = {"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"};
  std::string out = access[flags & O_ACCMODE];
  const std::string rest = bit_names(flags & ~O_ACCMODE,
                                     {{O_CREAT, "O_CREAT"},
                                      {O_EXCL, "O_EXCL"},
                                      {O_TRUNC, "O_TRUNC"},
                                      {O_APPEND, "O_APPEND"},
                                      {O_NONBLOCK, "O_NONBLOCK"},
                                      {O_NOCTTY, "O_NOCTTY"},
                                      {O_TMPFILE, "O_TMPFILE"}, // before O_DIRECTORY, a part of it
                                      {O_DIRECTORY, "O_DIRECTORY"},
                                      {O_NOFOLLOW, "O_NOFOLLOW"},
                                      {O_CLOEXEC, "O_CLOEXEC"}},
                                     "");
  if (!rest.empty()) out += "|" + rest;
  return out;
}

std::string prot_flags(int prot) {
  return bit_names(prot, {{PROT_READ, "PROT_READ"}, {PROT_WRITE, "PROT_WRITE"}, {PROT_EXEC, "PROT_EXEC"}},
                   "PROT_NONE");
}

std::string map_flags(int flags) {
  return bit_names(flags,
                   {{MAP_SHARED, "MAP_SHARED"},
                    {MAP_PRIVATE, "MAP_PRIVATE"},
                    {MAP_FIXED, "MAP_FIXED"},
                    {MAP_ANONYMOUS, "MAP_ANONYMOUS"},
                    {MAP_POPULATE, "MAP_POPULATE"},
                    {MAP_NORESERVE, "MAP_NORESERVE"}},
                   "0");
}

std::string madvise_advice(int advice) {
  switch (advice) {
    case MADV_NORMAL: return "MADV_NORMAL";
    case MADV_RANDOM: return "MADV_RANDOM";
    case MADV_SEQUENTIAL: return "MADV_SEQUENTIAL";
    case MADV_WILLNEED: return "MADV_WILLNEED";
    case MADV_DONTNEED: return "MADV_DONTNEED";
    default: return std::to_string(advice);
  }
}

std::string errno_name(int err) {
  const char* name = strerrorname_np(err);
  return name != nullptr ? name : std::to_string(err);
}

std::string sem_open_flags(int flags) {
  return bit_names(flags & ~O_ACCMODE, {{O_CREAT, "O_CREAT"}, {O_EXCL, "O_EXCL"}}, "0");
}

std::string clock_name(clockid_t clock) {
  switch (clock) {
    case CLOCK_REALTIME: return "CLOCK_REALTIME";
    case CLOCK_MONOTONIC: return "CLOCK_MONOTONIC";
    case CLOCK_BOOTTIME: return "CLOCK_BOOTTIME";
    default: return std::to_string(clock);
  }
}

std::string timespec_value(const timespec& time) {
  return fmt::format("{{tv_sec={}, tv_nsec={}}}", time.tv_sec, time.tv_nsec);
}

std::string signal_name(int signo) {
  if (signo == SIGRTMIN) return "SIGRTMIN";
  if (signo > SIGRTMIN && signo <= SIGRTMAX) return fmt::format("SIGRTMIN+{}", signo - SIGRTMIN);
  const char* abbrev = sigabbrev_np(signo);
  return abbrev != nullptr ? fmt::format("SIG{}", abbrev) : std::to_string(signo);
}

std::string signal_set(const sigset_t& set) {
  std::string out = "[";
  for (int signo = 1; signo < NSIG; ++signo) {
    if (sigismember(&set, signo) != 1) continue;
    if (out.size() > 1) out += ' ';
    out += signal_name(signo);
  }
  return out + "]";
}

std::string wait_status(int status) {
  if (WIFEXITED(status)) return fmt::format("{{WIFEXITED(s) && WEXITSTATUS(s) == {}}}", WEXITSTATUS(status));
  if (WIFSIGNALED(status))
    return fmt::format("{{WIFSIGNALED(s) && WTERMSIG(s) == {}{}}}", signal_name(WTERMSIG(status)),
                       WCOREDUMP(status) ? " && WCOREDUMP(s)" : "");
  if (WIFSTOPPED(status))
    return fmt::format("{{WIFSTOPPED(s) && WSTOPSIG(s) == {}}}", signal_name(WSTOPSIG(status)));
  return fmt::format("{:#x}", static_cast<unsigned>(status));
}

std::string poll_events(short events) {
  return bit_names(events,
                   {{POLLIN, "POLLIN"},
                    {POLLPRI, "POLLPRI"},
                    {POLLOUT, "POLLOUT"},
                    {POLLERR, "POLLERR"},
                    {POLLHUP, "POLLHUP"},
                    {POLLNVAL, "POLLNVAL"}},
                   "0");
}

std::string result(long long value, int err) {
  if (value != -1) return std::to_string(value);
  // The errno's name alone: the line fits 80 columns, and when the failure ends
  // the command, its error line says the cause in words.
  return fmt::format("-1 {}", errno_name(err));
}

std::string result_pointer(const void* address, bool failed, int err) {
  return failed ? result(-1, err) : pointer(address);
}

} // namespace ipcdemo::narrate
