// SPDX-License-Identifier: MIT
#include "sys/semaphore.hpp"

#include "base/error.hpp"
#include "base/signals.hpp"
#include "ipc/name.hpp"
#include "ipc/planted.hpp"
#include "sys/fd.hpp"
#include "sys/narrate.hpp"
#include "sys/semaphore_file.hpp"

#include <fcntl.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <utility>

namespace ipcdemo::sys {

namespace {

// The semaphores this process holds as a lock, for the SIGBUS reporter to give back.
std::array<std::atomic<sem_t*>, 4> held_locks{};

} // namespace

void post_held_locks_from_signal() noexcept {
  for (auto& slot : held_locks)
    if (sem_t* sem = slot.exchange(nullptr); sem != nullptr) ::sem_post(sem); // async-signal-safe
}

Semaphore::Held::Held(Semaphore& semaphore) : semaphore_(&semaphore) {
  for (auto& slot : held_locks) {
    sem_t* expected = nullptr;
    if (slot.compare_exchange_strong(expected, semaphore.sem_)) {
      slot_ = &slot;
      return;
    }
  }
}

bool Semaphore::Held::unregister() noexcept {
  if (slot_ == nullptr) return true;
  auto* slot = static_cast<std::atomic<sem_t*>*>(slot_);
  slot_ = nullptr;
  // Nothing there: the SIGBUS reporter already gave the lock back.
  return slot->exchange(nullptr) != nullptr;
}

void Semaphore::Held::release() {
  Semaphore* semaphore = std::exchange(semaphore_, nullptr);
  if (semaphore != nullptr && unregister()) semaphore->post();
}

Semaphore::Held::~Held() {
  if (semaphore_ != nullptr && unregister()) ::sem_post(semaphore_->sem_);
}

Semaphore::Semaphore(Semaphore&& other) noexcept : sem_(other.sem_), name_(std::move(other.name_)) {
  other.sem_ = nullptr;
}

Semaphore& Semaphore::operator=(Semaphore&& other) noexcept {
  if (this != &other) {
    close();
    sem_ = other.sem_;
    name_ = std::move(other.name_);
    other.sem_ = nullptr;
  }
  return *this;
}

Semaphore Semaphore::open(const std::string& name, int flags, mode_t mode, unsigned value) {
  sem_t* sem =
      (flags & O_CREAT) != 0 ? ::sem_open(name.c_str(), flags, mode, value) : ::sem_open(name.c_str(), flags);
  const int err = errno;
  const bool failed = sem == SEM_FAILED;
  if (narrate::on()) {
    std::string args = narrate::quoted(name) + ", " + narrate::sem_open_flags(flags);
    if ((flags & O_CREAT) != 0) args += fmt::format(", {}, {}", narrate::octal(mode), value);
    narrate::emit("sem_open", args, narrate::result_pointer(sem, failed, err));
  }
  if (failed) {
    throw_if_planted(ipc_object_path(name, ObjectKind::sem), err, ObjectKind::sem);
    if (err == EACCES)
      throw SysError(
          "sem_open", name, err,
          fmt::format("glibc opens a semaphore read-write, so {} needs both read and write "
                      "permission for you (see: ls -l {})",
                      ipc_object_path(name, ObjectKind::sem), ipc_object_path(name, ObjectKind::sem)));
    throw SysError("sem_open", name, err);
  }
  Semaphore opened(sem, name); // closed again should the check throw
  {
    const narrate::Check check; // ours: glibc maps a planted or damaged file as it is
    check_semaphore_mapping(name, ipc_object_path(name, ObjectKind::sem), sem);
  }
  return opened;
}

void Semaphore::wait() {
  for (;;) {
    const int rc = ::sem_wait(sem_);
    const int err = errno;
    if (narrate::on()) narrate::emit("sem_wait", narrate::pointer(sem_), narrate::result(rc, err));
    if (rc == 0) return;
    if (err == EINTR) {
      signals::throw_if_interrupted();
      continue; // a signal that does not end us (SIGCONT after Ctrl-Z): wait on
    }
    throw SysError("sem_wait", name_, err);
  }
}

bool Semaphore::try_wait() {
  for (;;) {
    const int rc = ::sem_trywait(sem_);
    const int err = errno;
    if (narrate::on()) narrate::emit("sem_trywait", narrate::pointer(sem_), narrate::result(rc, err));
    if (rc == 0) return true;
    if (err == EAGAIN) return false;
    if (err == EINTR) {
      signals::throw_if_interrupted();
      continue;
    }
    throw SysError("sem_trywait", name_, err);
  }
}

bool Semaphore::spin_wait(std::chrono::nanoseconds budget) {
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  std::uint64_t tries = 0;
  bool acquired = false;
  // Bounded by `budget` and by a signal: a spin must never hang.
  while (!acquired && signals::pending() == 0) {
    ++tries;
    if (::sem_trywait(sem_) == 0)
      acquired = true;
    else if (errno != EAGAIN && errno != EINTR)
      throw SysError("sem_trywait", name_, errno);
    else if (clock::now() - start >= budget)
      break;
  }
  if (narrate::on())
    narrate::emit(
        "sem_trywait", narrate::pointer(sem_),
        fmt::format("{} ({} tries, spun {} ns)", acquired ? "0" : "-1 EAGAIN", tries,
                    std::chrono::duration_cast<std::chrono::nanoseconds>(clock::now() - start).count()));
  signals::throw_if_interrupted();
  return acquired;
}

bool Semaphore::wait_until(clockid_t clock, const timespec& deadline) {
  for (;;) {
    const int rc = ::sem_clockwait(sem_, clock, &deadline);
    const int err = errno;
    if (narrate::on())
      narrate::emit("sem_clockwait",
                    fmt::format("{}, {}, {}", narrate::pointer(sem_), narrate::clock_name(clock),
                                narrate::timespec_value(deadline)),
                    narrate::result(rc, err));
    if (rc == 0) return true;
    if (err == ETIMEDOUT) return false;
    if (err == EINTR) {
      signals::throw_if_interrupted();
      continue;
    }
    throw SysError("sem_clockwait", name_, err);
  }
}

void Semaphore::post() {
  const int rc = ::sem_post(sem_);
  const int err = errno;
  if (narrate::on()) narrate::emit("sem_post", narrate::pointer(sem_), narrate::result(rc, err));
  if (rc != 0)
    throw SysError("sem_post", name_, err,
                   err == EOVERFLOW
                       ? fmt::format("the value cannot go above SEM_VALUE_MAX ({})", SEM_VALUE_MAX)
                       : std::string());
}

int Semaphore::value() const {
  int value = 0;
  const int rc = ::sem_getvalue(sem_, &value);
  const int err = errno;
  if (narrate::on())
    narrate::emit("sem_getvalue", fmt::format("{}, [{}]", narrate::pointer(sem_), value),
                  narrate::result(rc, err));
  if (rc != 0) throw SysError("sem_getvalue", name_, err);
  return value;
}

void Semaphore::close() noexcept {
  if (sem_ == nullptr) return;
  const int rc = ::sem_close(sem_);
  const int err = errno;
  if (narrate::on()) narrate::emit("sem_close", narrate::pointer(sem_), narrate::result(rc, err));
  sem_ = nullptr;
}

void Semaphore::unlink(const std::string& name) {
  const int rc = ::sem_unlink(name.c_str());
  const int err = errno;
  if (narrate::on()) narrate::emit("sem_unlink", narrate::quoted(name), narrate::result(rc, err));
  if (rc != 0) throw SysError("sem_unlink", name, err);
}

std::optional<struct stat> Semaphore::file_status(const std::string& name) {
  try {
    return sys::lstat(ipc_object_path(name, ObjectKind::sem));
  } catch (const SysError& error) {
    if (error.err() == ENOENT) return std::nullopt;
    throw;
  }
}

UnnamedSemaphore::UnnamedSemaphore(sem_t* place, std::string name) : sem_(place), name_(std::move(name)) {
  const int rc = ::sem_init(sem_, 1, 0);
  const int err = errno;
  if (narrate::on()) narrate::emit("sem_init", narrate::pointer(sem_) + ", 1, 0", narrate::result(rc, err));
  if (rc != 0) throw SysError("sem_init", name_, err);
}

UnnamedSemaphore::~UnnamedSemaphore() {
  const int rc = ::sem_destroy(sem_);
  const int err = errno;
  if (narrate::on()) narrate::emit("sem_destroy", narrate::pointer(sem_), narrate::result(rc, err));
}

} // namespace ipcdemo::sys
