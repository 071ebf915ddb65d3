// The named objects a bench exchange uses, created exclusively under names unique
// to this run (/ipcdemo-bench-PID-TAG) and unlinked as soon as they are open: the
// child inherits them across fork, so nothing is ever left in /dev/shm or the
// mqueue file system, not even when a process is killed.
#pragma once

#include <mqueue.h>
#include <semaphore.h>

#include <cstddef>
#include <string>

namespace ipcdemo::bench {

// "/ipcdemo-bench-4242-TAG": unique per run and per object.
std::string object_name(const std::string& tag);

// shm_open(O_CREAT|O_EXCL) + ftruncate + mmap(MAP_SHARED) + shm_unlink.
class SharedSegment {
 public:
  SharedSegment(const std::string& tag, std::size_t size);
  SharedSegment(const SharedSegment&) = delete;
  SharedSegment& operator=(const SharedSegment&) = delete;
  ~SharedSegment();
  void* data() const { return data_; }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  void* data_ = nullptr;
  std::size_t size_ = 0;
};

// sem_open(O_CREAT|O_EXCL, value 0) + sem_unlink.
class NamedSemaphore {
 public:
  explicit NamedSemaphore(const std::string& tag);
  NamedSemaphore(const NamedSemaphore&) = delete;
  NamedSemaphore& operator=(const NamedSemaphore&) = delete;
  ~NamedSemaphore();
  sem_t* get() const { return sem_; }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  sem_t* sem_ = nullptr;
};

// sem_init(pshared = 1, value 0) on memory shared by both processes; sem_destroy.
class UnnamedSemaphore {
 public:
  UnnamedSemaphore(sem_t* place, std::string description);
  UnnamedSemaphore(const UnnamedSemaphore&) = delete;
  UnnamedSemaphore& operator=(const UnnamedSemaphore&) = delete;
  ~UnnamedSemaphore();
  sem_t* get() const { return sem_; }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  sem_t* sem_;
};

// mq_open(O_CREAT|O_EXCL|O_RDWR) of `depth` messages of `message_size` bytes + mq_unlink.
class MessageQueue {
 public:
  MessageQueue(const std::string& tag, long depth, long message_size);
  MessageQueue(const MessageQueue&) = delete;
  MessageQueue& operator=(const MessageQueue&) = delete;
  ~MessageQueue();
  mqd_t get() const { return mq_; }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  mqd_t mq_ = -1;
};

// A pipe whose two ends close themselves.
class Pipe {
 public:
  explicit Pipe(std::string description);
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  ~Pipe();
  int read_end() const { return fds_[0]; }
  int write_end() const { return fds_[1]; }
  void close_read();
  void close_write();
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  int fds_[2] = {-1, -1};
};

// The depth of a queue this process may create: 10 (the screenplay's), or less
// when /proc/sys/fs/mqueue/msg_max is lower.
long queue_depth();

} // namespace ipcdemo::bench
