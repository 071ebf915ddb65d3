// One-way streams: the child sends as fast as the mechanism lets it, the parent
// receives and checks that every sample arrived, in order. The parent's time runs
// until it has received the whole batch.
#include "bench/exchanges.hpp"
#include "bench/io.hpp"
#include "bench/objects.hpp"
#include "bench/sample.hpp"
#include "bench/wait.hpp"

#include <atomic>
#include <new>
#include <vector>

namespace ipcdemo::bench {

namespace {

// ---- a message queue at its full depth -------------------------------------------

class MqStream final : public Exchange {
 public:
  explicit MqStream(long depth) : queue_("mq-stream", depth, sizeof(Sample)) {}

  std::uint64_t parent_run(std::uint64_t n, Peer& peer) override {
    std::uint64_t errors = 0;
    for (std::uint64_t i = 0; i < n; ++i)
      errors += receive(queue_.get(), queue_.name(), &peer).timestamp != static_cast<std::int64_t>(++seq_);
    return errors;
  }

  std::uint64_t child_run(std::uint64_t n) override {
    for (std::uint64_t i = 0; i < n; ++i)
      send(queue_.get(), queue_.name(), make_sample(ping_channel, static_cast<std::int64_t>(++seq_), 1.0),
           nullptr);
    return 0;
  }

 private:
  MessageQueue queue_;
  std::uint64_t seq_ = 0;
};

// ---- a single-producer single-consumer ring in a shm segment ----------------------

struct Ring {
  alignas(64) std::atomic<std::uint64_t> head{0}; // samples written (producer)
  alignas(64) std::atomic<std::uint64_t> tail{0}; // samples read (consumer)
  alignas(64) Sample slots[ring_slots];
};

class ShmRing final : public Exchange {
 public:
  explicit ShmRing(std::uint32_t spin)
      : segment_("ring", sizeof(Ring)), ring_(new (segment_.data()) Ring), spin_(spin) {}

  std::uint64_t parent_run(std::uint64_t n, Peer& peer) override {
    std::uint64_t errors = 0;
    std::uint64_t tail = ring_->tail.load(std::memory_order_relaxed);
    std::uint64_t head = ring_->head.load(std::memory_order_acquire);
    for (std::uint64_t i = 0; i < n; ++i) {
      if (tail == head)
        spin_then_yield([&] { return (head = ring_->head.load(std::memory_order_acquire)) != tail; }, spin_,
                        &peer);
      errors += ring_->slots[tail % ring_slots].timestamp != static_cast<std::int64_t>(tail + 1);
      ring_->tail.store(++tail, std::memory_order_release);
    }
    return errors;
  }

  std::uint64_t child_run(std::uint64_t n) override {
    std::uint64_t head = ring_->head.load(std::memory_order_relaxed);
    std::uint64_t tail = ring_->tail.load(std::memory_order_acquire);
    for (std::uint64_t i = 0; i < n; ++i) {
      if (head - tail == ring_slots)
        spin_then_yield(
            [&] { return head - (tail = ring_->tail.load(std::memory_order_acquire)) != ring_slots; }, spin_,
            nullptr);
      ring_->slots[head % ring_slots] = make_sample(ping_channel, static_cast<std::int64_t>(head + 1), 1.0);
      ring_->head.store(++head, std::memory_order_release);
    }
    return 0;
  }

 private:
  SharedSegment segment_;
  Ring* ring_;
  std::uint32_t spin_;
};

// ---- a pipe, 64 KiB per write ------------------------------------------------------

class PipeStream final : public Exchange {
 public:
  PipeStream() : pipe_("stream pipe"), buffer_(pipe_chunk, 'x') {}

  void parent_after_fork() override { pipe_.close_write(); }
  void child_after_fork() override { pipe_.close_read(); }

  std::uint64_t parent_run(std::uint64_t n, Peer& peer) override {
    for (std::uint64_t i = 0; i < n; ++i)
      read_all(pipe_.read_end(), pipe_.name(), buffer_.data(), pipe_chunk, &peer);
    return 0;
  }

  std::uint64_t child_run(std::uint64_t n) override {
    for (std::uint64_t i = 0; i < n; ++i)
      write_all(pipe_.write_end(), pipe_.name(), buffer_.data(), pipe_chunk, nullptr);
    return 0;
  }

 private:
  Pipe pipe_;
  std::vector<char> buffer_;
};

} // namespace

std::unique_ptr<Exchange> mq_stream_exchange(long depth) { return std::make_unique<MqStream>(depth); }
std::unique_ptr<Exchange> shm_ring_exchange(std::uint32_t spin) { return std::make_unique<ShmRing>(spin); }
std::unique_ptr<Exchange> pipe_stream_exchange() { return std::make_unique<PipeStream>(); }

} // namespace ipcdemo::bench
