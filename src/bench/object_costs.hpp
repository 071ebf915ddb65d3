// SPDX-License-Identifier: MIT
// What it costs to make and open the objects, in one process: sem_open of a new
// and of an existing semaphore, shm_open+ftruncate+mmap+unlink, mq_open+mq_close.
#pragma once

#include <cstdint>
#include <string>

namespace ipcdemo::bench {

enum class ObjectCost { sem_open_new, sem_open_existing, shm_create, mq_open };

class ObjectBench {
 public:
  explicit ObjectBench(ObjectCost cost);
  ObjectBench(const ObjectBench&) = delete;
  ObjectBench& operator=(const ObjectBench&) = delete;
  ObjectBench(ObjectBench&&) = delete;
  ObjectBench& operator=(ObjectBench&&) = delete;
  // Unlinks whatever it created.
  ~ObjectBench();

  // `n` operations; returns the nanoseconds spent in the measured calls only
  // (the clean-up between them, such as sem_unlink after a new sem_open, is not counted).
  std::int64_t run(std::uint64_t n);

 private:
  ObjectCost cost_;
  std::string name_;
  bool created_ = false;
};

} // namespace ipcdemo::bench
