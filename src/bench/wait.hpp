// SPDX-License-Identifier: MIT
// How the loops wait for the other process. The parent's waits call Peer::check()
// in their slow paths only (every 65536 spins, on EINTR), so the fast path is the
// same load or system call a plain C program would make.
// Timed hot path: bare calls on purpose (see exchanges.hpp).
#pragma once

#include "base/error.hpp"
#include "bench/pair.hpp"

#include <sched.h>
#include <semaphore.h>

#include <cerrno>
#include <cstdint>
#include <string>

namespace ipcdemo::bench {

inline constexpr std::uint32_t check_every_spins = 1U << 16;

// Polls `ready` until it holds. Unbounded by design: this is the floor. (The
// batches around it are sized by time, so even on one CPU, where each hand-over
// costs a timeslice, a measurement ends.)
template <typename Ready>
inline void spin_until(Ready&& ready, Peer* peer) {
  std::uint32_t spins = 0;
  while (!ready()) {
    if (++spins == check_every_spins) {
      spins = 0;
      if (peer != nullptr) peer->check();
    }
  }
}

// A bounded spin on `ready` (at most `spin` polls), then sched_yield() between
// polls. With spin 0 it yields at once: the right thing on one CPU.
template <typename Ready>
inline void spin_then_yield(Ready&& ready, std::uint32_t spin, Peer* peer) {
  std::uint32_t spins = 0;
  std::uint32_t since_check = 0;
  while (!ready()) {
    if (spins < spin)
      ++spins;
    else
      sched_yield();
    if (++since_check == check_every_spins) {
      since_check = 0;
      if (peer != nullptr) peer->check();
    }
  }
}

// sem_wait, after at most `spin` sem_trywait calls. EINTR: the parent checks its
// peer (and signals) and waits again; the child, which ignores SIGINT, just waits again.
inline void sem_wait_for(sem_t* sem, const std::string& name, std::uint32_t spin, Peer* peer) {
  for (std::uint32_t i = 0; i < spin; ++i)
    if (sem_trywait(sem) == 0) return;
  while (sem_wait(sem) != 0) {
    if (errno != EINTR) throw SysError("sem_wait", name, errno);
    if (peer != nullptr) peer->check();
  }
}

inline void sem_post_to(sem_t* sem, const std::string& name) {
  if (sem_post(sem) != 0) throw SysError("sem_post", name, errno);
}

} // namespace ipcdemo::bench
