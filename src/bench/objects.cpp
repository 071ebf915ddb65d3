#include "bench/objects.hpp"

#include "base/error.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <utility>

namespace ipcdemo::bench {

std::string object_name(const std::string& tag) { return fmt::format("/ipcdemo-bench-{}-{}", getpid(), tag); }

SharedSegment::SharedSegment(const std::string& tag, std::size_t size)
    : name_(object_name(tag)), size_(size) {
  const int fd = shm_open(name_.c_str(), O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0) throw SysError("shm_open", name_, errno);
  shm_unlink(name_.c_str());
  if (ftruncate(fd, static_cast<off_t>(size)) != 0) {
    const int err = errno;
    close(fd);
    throw SysError("ftruncate", name_, err);
  }
  void* data = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  const int err = errno;
  close(fd);
  if (data == MAP_FAILED) throw SysError("mmap", name_, err);
  data_ = data;
}

SharedSegment::~SharedSegment() {
  if (data_ != nullptr) munmap(data_, size_);
}

NamedSemaphore::NamedSemaphore(const std::string& tag) : name_(object_name(tag)) {
  sem_ = sem_open(name_.c_str(), O_CREAT | O_EXCL, 0600, 0);
  if (sem_ == SEM_FAILED) throw SysError("sem_open", name_, errno);
  sem_unlink(name_.c_str());
}

NamedSemaphore::~NamedSemaphore() { sem_close(sem_); }

UnnamedSemaphore::UnnamedSemaphore(sem_t* place, std::string description)
    : name_(std::move(description)), sem_(place) {
  if (sem_init(sem_, 1, 0) != 0) throw SysError("sem_init", name_, errno);
}

UnnamedSemaphore::~UnnamedSemaphore() { sem_destroy(sem_); }

MessageQueue::MessageQueue(const std::string& tag, long depth, long message_size) : name_(object_name(tag)) {
  mq_attr attr{};
  attr.mq_maxmsg = depth;
  attr.mq_msgsize = message_size;
  mq_ = mq_open(name_.c_str(), O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600, &attr);
  if (mq_ == static_cast<mqd_t>(-1)) {
    const int err = errno;
    throw SysError("mq_open", name_, err,
                   err == EMFILE || err == ENOMEM ? "RLIMIT_MSGQUEUE (ulimit -q) is too small" : "");
  }
  mq_unlink(name_.c_str());
}

MessageQueue::~MessageQueue() { mq_close(mq_); }

Pipe::Pipe(std::string description) : name_(std::move(description)) {
  if (pipe2(fds_, O_CLOEXEC) != 0) throw SysError("pipe2", name_, errno);
}

Pipe::~Pipe() {
  close_read();
  close_write();
}

void Pipe::close_read() {
  if (fds_[0] >= 0) close(std::exchange(fds_[0], -1));
}

void Pipe::close_write() {
  if (fds_[1] >= 0) close(std::exchange(fds_[1], -1));
}

long queue_depth() {
  long max = 10;
  std::ifstream limit("/proc/sys/fs/mqueue/msg_max");
  if (long value = 0; limit >> value && value > 0) max = std::min(max, value);
  return max;
}

} // namespace ipcdemo::bench
