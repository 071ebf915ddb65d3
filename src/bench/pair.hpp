// SPDX-License-Identifier: MIT
// The two-process harness. A Pair forks a second process that runs one side of an
// Exchange (the pong of a ping-pong, the sender of a stream) while this process
// runs and times the other, batch by batch. A small anonymous shared page carries
// the batch size to the child and the child's own count of completed operations
// back, so the report can show that two processes really did every round trip.
#pragma once

#include "bench/placement.hpp"
#include "sys/mapping.hpp"
#include "sys/semaphore.hpp"

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>

namespace ipcdemo::bench {

// The other process, as the parent's loops see it: a spinning or blocked loop
// calls check() now and then (every 65536 spins, on EINTR), which throws
// Interrupted on SIGINT/SIGTERM and Error when the child has died.
class Peer {
 public:
  virtual void check() = 0;
  Peer(const Peer&) = delete;
  Peer& operator=(const Peer&) = delete;
  Peer(Peer&&) = delete;
  Peer& operator=(Peer&&) = delete;
  virtual ~Peer() = default;

 protected:
  Peer() = default;
};

// One mechanism's two ends, created before fork so the child inherits them.
class Exchange {
 public:
  Exchange() = default;
  Exchange(const Exchange&) = delete;
  Exchange& operator=(const Exchange&) = delete;
  Exchange(Exchange&&) = delete;
  Exchange& operator=(Exchange&&) = delete;
  virtual ~Exchange() = default;
  // After fork, in each process: close the ends that side does not use.
  virtual void parent_after_fork(pid_t /*child*/) {}
  virtual void child_after_fork() {}
  // `n` operations of each side. Return how many payloads arrived wrong or out
  // of order (0 when all is well). The parent's side is the one that is timed.
  virtual std::uint64_t parent_run(std::uint64_t n, Peer& peer) = 0;
  virtual std::uint64_t child_run(std::uint64_t n) = 0;
};

class Pair final : public Peer {
 public:
  // Pins this process, forks, pins the child; the child waits for batches.
  Pair(Exchange& exchange, const Pinning& pinning);
  Pair(const Pair&) = delete;
  Pair& operator=(const Pair&) = delete;
  Pair(Pair&&) = delete;
  Pair& operator=(Pair&&) = delete;
  // Kills the child if finish() did not end it.
  ~Pair() override;

  // Runs a batch of `n` operations on both sides; returns the parent's time in ns.
  std::int64_t run_batch(std::uint64_t n);
  // Tells the child to stop and waits for it; throws Error if it failed.
  void finish();

  void check() override;
  pid_t child_pid() const { return child_; }
  // Operations the child reported completing, over all batches so far.
  std::uint64_t peer_operations() const;
  // Wrong payloads seen, by both sides, over all batches so far.
  std::uint64_t errors() const;

 private:
  struct Control;
  [[noreturn]] void child_main(const Pinning& pinning);
  void wait_done();

  Exchange& exchange_;
  sys::Mapping page_;                              // holds the Control, shared with the child
  Control* control_ = nullptr;                     // in page_
  std::unique_ptr<sys::UnnamedSemaphore> command_; // parent -> child: a batch is ready
  std::unique_ptr<sys::UnnamedSemaphore> done_;    // child -> parent: the batch is done
  pid_t child_ = -1;
  std::uint64_t parent_errors_ = 0;
  AffinityGuard affinity_;
};

} // namespace ipcdemo::bench
