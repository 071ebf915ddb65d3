// SPDX-License-Identifier: MIT
// A named POSIX semaphore that closes itself, and the narrated calls made on it.
// glibc keeps a named semaphore in /dev/shm/sem.NAME and maps that file, trusting
// what it holds; open() checks the file first (sys/semaphore_file.hpp) and reports
// a planted or damaged one instead of letting glibc raise SIGBUS or abort.
#pragma once

#include <semaphore.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include <chrono>
#include <optional>
#include <string>

namespace ipcdemo::sys {

class Semaphore {
 public:
  Semaphore() = default;
  Semaphore(const Semaphore&) = delete;
  Semaphore& operator=(const Semaphore&) = delete;
  Semaphore(Semaphore&& other) noexcept;
  Semaphore& operator=(Semaphore&& other) noexcept;
  ~Semaphore() { close(); }

  // sem_open(3) of the canonical NAME ("/x"). `mode` and `value` matter only with
  // O_CREAT. Throws SysError (EACCES says that read and write are both needed),
  // or Error when the semaphore's file is damaged.
  static Semaphore open(const std::string& name, int flags, mode_t mode = 0, unsigned value = 0);

  // sem_wait(3): blocks until the value is above 0, then decrements it.
  // SIGINT/SIGTERM end the wait with Interrupted.
  void wait();
  // sem_trywait(3): false instead of blocking.
  bool try_wait();
  // sem_trywait(3) in a loop for at most `budget`: true as soon as one succeeds.
  // Narrated as one line (the tries, the time spun), not one line per try.
  bool spin_wait(std::chrono::nanoseconds budget);
  // sem_clockwait(3) against `clock` until the absolute `deadline`: false when it passed.
  bool wait_until(clockid_t clock, const timespec& deadline);
  // sem_post(3).
  void post();
  // sem_getvalue(3).
  int value() const;

  const std::string& name() const { return name_; }
  bool valid() const { return sem_ != nullptr; }
  // The sem_t itself, for bench's timed loops, which make the bare sem_wait/sem_post
  // a C program would (see src/bench/wait.hpp); everything else uses the methods.
  sem_t* native() const { return sem_; }
  void close() noexcept;

  // Marks the semaphore as held as a lock (after a wait) until release() posts it:
  // should the process die of SIGBUS in between (a truncated segment, a full
  // /dev/shm), the SIGBUS reporter posts it first, so no lock is left taken.
  class Held {
   public:
    explicit Held(Semaphore& semaphore);
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;
    Held(Held&&) = delete;
    Held& operator=(Held&&) = delete;
    ~Held();
    void release();

   private:
    bool unregister() noexcept;
    Semaphore* semaphore_;
    void* slot_ = nullptr;
  };

  // sem_unlink(3).
  static void unlink(const std::string& name);
  // lstat(2) of the file that holds the semaphore; nothing when it does not exist.
  static std::optional<struct stat> file_status(const std::string& name);

 private:
  Semaphore(sem_t* sem, std::string name) : sem_(sem), name_(std::move(name)) {}

  sem_t* sem_ = nullptr;
  std::string name_;
};

// An unnamed semaphore placed in memory the caller owns (a shared mapping):
// sem_init(pshared = 1, value 0) and sem_destroy, narrated.
class UnnamedSemaphore {
 public:
  // sem_init(place, 1, 0); `name` describes it in errors.
  UnnamedSemaphore(sem_t* place, std::string name);
  UnnamedSemaphore(const UnnamedSemaphore&) = delete;
  UnnamedSemaphore& operator=(const UnnamedSemaphore&) = delete;
  UnnamedSemaphore(UnnamedSemaphore&&) = delete;
  UnnamedSemaphore& operator=(UnnamedSemaphore&&) = delete;
  // sem_destroy.
  ~UnnamedSemaphore();

  sem_t* native() const { return sem_; }
  const std::string& name() const { return name_; }

 private:
  sem_t* sem_;
  std::string name_;
};

// sem_post of every semaphore a Held marks; for the SIGBUS reporter (async-signal-safe).
void post_held_locks_from_signal() noexcept;

} // namespace ipcdemo::sys
