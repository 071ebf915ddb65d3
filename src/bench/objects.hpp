// SPDX-License-Identifier: MIT
// The named objects a bench exchange uses, created exclusively under names unique
// to this run (/ipcdemo-bench-PID-TAG) and unlinked as soon as they are open: the
// child inherits them across fork, so nothing is ever left in /dev/shm or the
// mqueue file system, not even when a process is killed. They are made with the
// narrated wrappers of src/sys (so `-v bench` shows the set-up); the timed loops
// then use the bare handles (get()).
#pragma once

#include "sys/fd.hpp"
#include "sys/mapping.hpp"
#include "sys/message_queue.hpp"
#include "sys/semaphore.hpp"

#include <mqueue.h>
#include <semaphore.h>

#include <cstddef>
#include <string>

namespace ipcdemo::bench {

// "/ipcdemo-bench-4242-TAG": unique per run and per object.
std::string object_name(const std::string& tag);

// shm_open(O_CREAT|O_EXCL) + shm_unlink + ftruncate + mmap(MAP_SHARED).
class SharedSegment {
 public:
  SharedSegment(const std::string& tag, std::size_t size);
  void* data() const { return mapping_.data(); }
  const std::string& name() const { return mapping_.name(); }

 private:
  sys::Mapping mapping_;
};

// sem_open(O_CREAT|O_EXCL, value 0) + sem_unlink.
class NamedSemaphore {
 public:
  explicit NamedSemaphore(const std::string& tag);
  sem_t* get() const { return semaphore_.native(); }
  const std::string& name() const { return semaphore_.name(); }

 private:
  sys::Semaphore semaphore_;
};

// sem_init(pshared = 1, value 0) on memory shared by both processes; sem_destroy.
using UnnamedSemaphore = sys::UnnamedSemaphore;

// mq_open(O_CREAT|O_EXCL|O_RDWR) of `depth` messages of `message_size` bytes + mq_unlink.
class MessageQueue {
 public:
  MessageQueue(const std::string& tag, long depth, long message_size);
  mqd_t get() const { return queue_.get(); }
  const std::string& name() const { return queue_.name(); }

 private:
  sys::Queue queue_;
};

// A pipe whose two ends close themselves.
class Pipe {
 public:
  explicit Pipe(const std::string& description) : pipe_(sys::pipe(description)), name_(description) {}
  int read_end() const { return pipe_.read.get(); }
  int write_end() const { return pipe_.write.get(); }
  void close_read() { pipe_.read.close(); }
  void close_write() { pipe_.write.close(); }
  const std::string& name() const { return name_; }

 private:
  sys::Pipe pipe_;
  std::string name_;
};

// The depth of a queue this process may create: 10 (the screenplay's), or less
// when /proc/sys/fs/mqueue/msg_max is lower.
long queue_depth();
// The largest message a queue may hold: /proc/sys/fs/mqueue/msgsize_max (8192 unless raised).
long queue_message_max();

} // namespace ipcdemo::bench
