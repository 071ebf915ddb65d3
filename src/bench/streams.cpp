// SPDX-License-Identifier: MIT
// One-way streams through a queue and a shm ring (the descriptor-based ones are in
// transports.cpp): the child sends as fast as the mechanism lets it, the parent
// receives and checks that every message arrived, in order. The parent's time runs
// until it has received the whole batch.
#include "bench/exchanges.hpp"
#include "bench/io.hpp"
#include "bench/message.hpp"
#include "bench/objects.hpp"
#include "bench/sample.hpp"
#include "bench/wait.hpp"

#include <atomic>
#include <cstring>
#include <new>

namespace ipcdemo::bench {

namespace {

// ---- a message queue at its full depth, msgsize = --size ------------------------

class MqStream final : public Exchange {
 public:
  MqStream(long depth, std::size_t size)
      : queue_("mq-stream", depth, static_cast<long>(size)), out_(size), in_(size) {}

  std::uint64_t parent_run(std::uint64_t n, Peer& peer) override {
    std::uint64_t errors = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
      receive(queue_.get(), queue_.name(), in_.data(), in_.size(), &peer);
      errors += in_.sample().timestamp != static_cast<std::int64_t>(++seq_);
    }
    return errors;
  }

  std::uint64_t child_run(std::uint64_t n) override {
    for (std::uint64_t i = 0; i < n; ++i) {
      out_.put(make_sample(ping_channel, static_cast<std::int64_t>(++seq_), 1.0));
      send(queue_.get(), queue_.name(), out_.data(), out_.size(), nullptr);
    }
    return 0;
  }

 private:
  MessageQueue queue_;
  Message out_;
  Message in_;
  std::uint64_t seq_ = 0;
};

// ---- a single-producer single-consumer ring of --size slots in a shm segment -------

struct RingHeader {
  alignas(64) std::atomic<std::uint64_t> head{0}; // messages written (producer)
  alignas(64) std::atomic<std::uint64_t> tail{0}; // messages read (consumer)
};

class ShmRing final : public Exchange {
 public:
  ShmRing(std::uint32_t spin, std::size_t size)
      : segment_("ring", sizeof(RingHeader) + ring_slots * size),
        ring_(new (segment_.data()) RingHeader),
        slots_(static_cast<char*>(segment_.data()) + sizeof(RingHeader)),
        spin_(spin),
        out_(size),
        in_(size) {}

  std::uint64_t parent_run(std::uint64_t n, Peer& peer) override {
    const std::size_t size = in_.size();
    std::uint64_t errors = 0;
    std::uint64_t tail = ring_->tail.load(std::memory_order_relaxed);
    std::uint64_t head = ring_->head.load(std::memory_order_acquire);
    for (std::uint64_t i = 0; i < n; ++i) {
      if (tail == head)
        spin_then_yield([&] { return (head = ring_->head.load(std::memory_order_acquire)) != tail; }, spin_,
                        &peer);
      std::memcpy(in_.data(), slots_ + (tail % ring_slots) * size, size);
      errors += in_.sample().timestamp != static_cast<std::int64_t>(tail + 1);
      ring_->tail.store(++tail, std::memory_order_release);
    }
    return errors;
  }

  std::uint64_t child_run(std::uint64_t n) override {
    const std::size_t size = out_.size();
    std::uint64_t head = ring_->head.load(std::memory_order_relaxed);
    std::uint64_t tail = ring_->tail.load(std::memory_order_acquire);
    for (std::uint64_t i = 0; i < n; ++i) {
      if (head - tail == ring_slots)
        spin_then_yield(
            [&] { return head - (tail = ring_->tail.load(std::memory_order_acquire)) != ring_slots; }, spin_,
            nullptr);
      out_.put(make_sample(ping_channel, static_cast<std::int64_t>(head + 1), 1.0));
      std::memcpy(slots_ + (head % ring_slots) * size, out_.data(), size);
      ring_->head.store(++head, std::memory_order_release);
    }
    return 0;
  }

 private:
  SharedSegment segment_;
  RingHeader* ring_;
  char* slots_;
  std::uint32_t spin_;
  Message out_;
  Message in_;
};

} // namespace

std::unique_ptr<Exchange> mq_stream_exchange(long depth, std::size_t size) {
  return std::make_unique<MqStream>(depth, size);
}
std::unique_ptr<Exchange> shm_ring_exchange(std::uint32_t spin, std::size_t size) {
  return std::make_unique<ShmRing>(spin, size);
}

} // namespace ipcdemo::bench
