// SPDX-License-Identifier: MIT
#include "bench/objects.hpp"

#include "base/error.hpp"
#include "sys/directory.hpp"
#include "sys/shm.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>

namespace ipcdemo::bench {

namespace {

sys::Mapping make_segment(const std::string& name, std::size_t size) {
  const sys::Fd fd = sys::shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600);
  sys::shm_unlink(name);
  sys::ftruncate(fd, static_cast<off_t>(size));
  return sys::Mapping::of_file(fd, size, PROT_READ | PROT_WRITE, MAP_SHARED);
}

sys::Semaphore make_semaphore(const std::string& name) {
  sys::Semaphore semaphore = sys::Semaphore::open(name, O_CREAT | O_EXCL, 0600, 0);
  sys::Semaphore::unlink(name);
  return semaphore;
}

sys::Queue make_queue(const std::string& name, long depth, long message_size) {
  try {
    sys::Queue queue = sys::Queue::create(name, O_RDWR | O_EXCL, 0600, depth, message_size);
    sys::Queue::unlink(name);
    return queue;
  } catch (const SysError& error) {
    if (error.err() == EMFILE || error.err() == ENOMEM)
      throw SysError(error.call(), error.object(), error.err(), "RLIMIT_MSGQUEUE (ulimit -q) is too small");
    throw;
  }
}

} // namespace

std::string object_name(const std::string& tag) { return fmt::format("/ipcdemo-bench-{}-{}", getpid(), tag); }

SharedSegment::SharedSegment(const std::string& tag, std::size_t size)
    : mapping_(make_segment(object_name(tag), size)) {}

NamedSemaphore::NamedSemaphore(const std::string& tag) : semaphore_(make_semaphore(object_name(tag))) {}

MessageQueue::MessageQueue(const std::string& tag, long depth, long message_size)
    : queue_(make_queue(object_name(tag), depth, message_size)) {}

long queue_depth() {
  long max = 10;
  if (const auto value = sys::read_number("/proc/sys/fs/mqueue/msg_max"); value && *value > 0)
    max = std::min(max, *value);
  return max;
}

long queue_message_max() {
  long max = 8192;
  if (const auto value = sys::read_number("/proc/sys/fs/mqueue/msgsize_max"); value && *value > 0)
    max = *value;
  return max;
}

} // namespace ipcdemo::bench
