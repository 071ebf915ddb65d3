// SPDX-License-Identifier: MIT
#include "bench/object_costs.hpp"

#include "base/error.hpp"
#include "base/signals.hpp"
#include "bench/objects.hpp"
#include "bench/sample.hpp"
#include "sys/message_queue.hpp"
#include "sys/semaphore.hpp"

#include <fcntl.h>
#include <mqueue.h>
#include <semaphore.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>

namespace ipcdemo::bench {

namespace {

// The measured calls are bare libc calls, timed one by one, as a C program would
// make them: a narrating wrapper would add its own work (sys::Semaphore::open
// stats the file first) to what is measured. Set-up and clean-up use src/sys.
constexpr std::size_t segment_size = 4096;

std::int64_t sem_open_new(const std::string& name) {
  const std::int64_t start = now_ns();
  sem_t* sem = sem_open(name.c_str(), O_CREAT | O_EXCL, 0600, 0);
  const std::int64_t elapsed = now_ns() - start;
  if (sem == SEM_FAILED) throw SysError("sem_open", name, errno);
  sem_close(sem);
  sem_unlink(name.c_str());
  return elapsed;
}

std::int64_t sem_open_existing(const std::string& name) {
  const std::int64_t start = now_ns();
  sem_t* sem = sem_open(name.c_str(), 0);
  const std::int64_t elapsed = now_ns() - start;
  if (sem == SEM_FAILED) throw SysError("sem_open", name, errno);
  sem_close(sem);
  return elapsed;
}

std::int64_t shm_create(const std::string& name) {
  const std::int64_t start = now_ns();
  const int fd = shm_open(name.c_str(), O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0) throw SysError("shm_open", name, errno);
  if (ftruncate(fd, segment_size) != 0) {
    const int err = errno;
    close(fd);
    shm_unlink(name.c_str());
    throw SysError("ftruncate", name, err);
  }
  void* data = mmap(nullptr, segment_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  const int err = errno;
  close(fd);
  shm_unlink(name.c_str());
  if (data == MAP_FAILED) throw SysError("mmap", name, err);
  munmap(data, segment_size);
  return now_ns() - start;
}

std::int64_t mq_open_close(const std::string& name) {
  const std::int64_t start = now_ns();
  const mqd_t mq = mq_open(name.c_str(), O_RDWR | O_CLOEXEC);
  if (mq == static_cast<mqd_t>(-1)) throw SysError("mq_open", name, errno);
  mq_close(mq);
  return now_ns() - start;
}

} // namespace

ObjectBench::ObjectBench(ObjectCost cost) : cost_(cost) {
  switch (cost_) {
    case ObjectCost::sem_open_new: name_ = object_name("sem-new"); break;
    case ObjectCost::sem_open_existing:
      name_ = object_name("sem-existing");
      sys::Semaphore::open(name_, O_CREAT | O_EXCL, 0600, 0); // closed at once: it only has to exist
      created_ = true;
      break;
    case ObjectCost::shm_create: name_ = object_name("shm-new"); break;
    case ObjectCost::mq_open:
      name_ = object_name("mq-existing");
      sys::Queue::create(name_, O_RDWR | O_EXCL, 0600, queue_depth(), sizeof(Sample));
      created_ = true;
      break;
  }
}

ObjectBench::~ObjectBench() {
  if (!created_) return;
  try {
    if (cost_ == ObjectCost::sem_open_existing) sys::Semaphore::unlink(name_);
    if (cost_ == ObjectCost::mq_open) sys::Queue::unlink(name_);
  } catch (const SysError&) {
    // Gone already (someone removed it): nothing is left behind either way.
  }
}

std::int64_t ObjectBench::run(std::uint64_t n) {
  std::int64_t total = 0;
  for (std::uint64_t i = 0; i < n; ++i) {
    switch (cost_) {
      case ObjectCost::sem_open_new: total += sem_open_new(name_); break;
      case ObjectCost::sem_open_existing: total += sem_open_existing(name_); break;
      case ObjectCost::shm_create: total += shm_create(name_); break;
      case ObjectCost::mq_open: total += mq_open_close(name_); break;
    }
    signals::throw_if_interrupted();
  }
  return total;
}

} // namespace ipcdemo::bench
