// SPDX-License-Identifier: MIT
// Round-trip (ping-pong) loops in shared memory and POSIX objects: the parent
// sends sample k and waits for the reply k; the child waits for k, checks it, and
// replies. The message (--size bytes) travels in the queue for mq, and in a shared
// segment for the spin; the semaphores pass a 24-byte sample in a segment beside them.
#include "bench/exchanges.hpp"
#include "bench/io.hpp"
#include "bench/message.hpp"
#include "bench/objects.hpp"
#include "bench/sample.hpp"
#include "bench/wait.hpp"

#include <mqueue.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <new>

namespace ipcdemo::bench {

namespace {

// ---- the floor: one cache line to hand over, the message beside it, polled -------

struct alignas(64) Line {
  std::atomic<std::uint64_t> turn{0}; // odd: the ping k is there; even: the reply
};

class ShmSpin final : public Exchange {
 public:
  explicit ShmSpin(std::size_t size)
      : segment_("spin", sizeof(Line) + size),
        line_(new (segment_.data()) Line),
        area_(static_cast<char*>(segment_.data()) + sizeof(Line)),
        out_(size),
        in_(size) {}

  // Locals, not members, in the loops: the acquire load would make the compiler
  // reload members on every poll.
  std::uint64_t parent_run(std::uint64_t n, Peer& peer) override {
    Line* const line = line_;
    char* const area = area_;
    const std::size_t size = out_.size();
    std::uint64_t seq = seq_;
    std::uint64_t errors = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
      ++seq;
      out_.put(make_sample(ping_channel, static_cast<std::int64_t>(seq), 1.0));
      std::memcpy(area, out_.data(), size);
      line->turn.store(2 * seq - 1, std::memory_order_release);
      const std::uint64_t reply = 2 * seq;
      spin_until([&] { return line->turn.load(std::memory_order_acquire) == reply; }, &peer);
      std::memcpy(in_.data(), area, size);
      errors += !is(in_.sample(), pong_channel, static_cast<std::int64_t>(seq));
    }
    seq_ = seq;
    return errors;
  }

  std::uint64_t child_run(std::uint64_t n) override {
    Line* const line = line_;
    char* const area = area_;
    const std::size_t size = out_.size();
    std::uint64_t seq = seq_;
    std::uint64_t errors = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
      ++seq;
      const std::uint64_t ping = 2 * seq - 1;
      spin_until([&] { return line->turn.load(std::memory_order_acquire) == ping; }, nullptr);
      std::memcpy(in_.data(), area, size);
      errors += !is(in_.sample(), ping_channel, static_cast<std::int64_t>(seq));
      out_.put(make_sample(pong_channel, static_cast<std::int64_t>(seq), 2.0));
      std::memcpy(area, out_.data(), size);
      line->turn.store(2 * seq, std::memory_order_release);
    }
    seq_ = seq;
    return errors;
  }

 private:
  SharedSegment segment_;
  Line* line_;
  char* area_;
  Message out_;
  Message in_;
  std::uint64_t seq_ = 0;
};

// ---- semaphores: ping and pong, the sample in a shared segment ------------------

struct SemPage {
  sem_t ping; // used by the unnamed variant only
  sem_t pong;
  Sample sample;
};

class SemPingPong final : public Exchange {
 public:
  // Named: sem_open'd semaphores. Unnamed: sem_init(pshared = 1) inside the segment.
  SemPingPong(bool named, std::uint32_t spin)
      : segment_(named ? "sem-data" : "unnamed-sem", sizeof(SemPage)),
        page_(new (segment_.data()) SemPage),
        spin_(spin) {
    if (named) {
      named_ping_ = std::make_unique<NamedSemaphore>("ping");
      named_pong_ = std::make_unique<NamedSemaphore>("pong");
      ping_ = named_ping_->get();
      pong_ = named_pong_->get();
      ping_name_ = named_ping_->name();
      pong_name_ = named_pong_->name();
    } else {
      unnamed_ping_ = std::make_unique<UnnamedSemaphore>(&page_->ping, segment_.name() + " ping");
      unnamed_pong_ = std::make_unique<UnnamedSemaphore>(&page_->pong, segment_.name() + " pong");
      ping_ = unnamed_ping_->native();
      pong_ = unnamed_pong_->native();
      ping_name_ = unnamed_ping_->name();
      pong_name_ = unnamed_pong_->name();
    }
  }

  std::uint64_t parent_run(std::uint64_t n, Peer& peer) override {
    std::uint64_t errors = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
      const auto seq = static_cast<std::int64_t>(++seq_);
      page_->sample = make_sample(ping_channel, seq, 1.0);
      sem_post_to(ping_, ping_name_);
      sem_wait_for(pong_, pong_name_, spin_, &peer);
      errors += !is(page_->sample, pong_channel, seq);
    }
    return errors;
  }

  std::uint64_t child_run(std::uint64_t n) override {
    std::uint64_t errors = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
      const auto seq = static_cast<std::int64_t>(++seq_);
      sem_wait_for(ping_, ping_name_, spin_, nullptr);
      errors += !is(page_->sample, ping_channel, seq);
      page_->sample = make_sample(pong_channel, seq, 2.0);
      sem_post_to(pong_, pong_name_);
    }
    return errors;
  }

 private:
  SharedSegment segment_;
  SemPage* page_;
  std::uint32_t spin_;
  std::unique_ptr<NamedSemaphore> named_ping_, named_pong_;
  std::unique_ptr<UnnamedSemaphore> unnamed_ping_, unnamed_pong_;
  sem_t* ping_ = nullptr;
  sem_t* pong_ = nullptr;
  std::string ping_name_, pong_name_;
  std::uint64_t seq_ = 0;
};

// ---- message queues: one for pings, one for replies, msgsize = --size -----------

class MqPingPong final : public Exchange {
 public:
  MqPingPong(long depth, std::size_t size)
      : ping_("mq-ping", depth, static_cast<long>(size)),
        pong_("mq-pong", depth, static_cast<long>(size)),
        out_(size),
        in_(size) {}

  std::uint64_t parent_run(std::uint64_t n, Peer& peer) override {
    std::uint64_t errors = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
      const auto seq = static_cast<std::int64_t>(++seq_);
      out_.put(make_sample(ping_channel, seq, 1.0));
      send(ping_.get(), ping_.name(), out_.data(), out_.size(), &peer);
      receive(pong_.get(), pong_.name(), in_.data(), in_.size(), &peer);
      errors += !is(in_.sample(), pong_channel, seq);
    }
    return errors;
  }

  std::uint64_t child_run(std::uint64_t n) override {
    std::uint64_t errors = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
      const auto seq = static_cast<std::int64_t>(++seq_);
      receive(ping_.get(), ping_.name(), in_.data(), in_.size(), nullptr);
      errors += !is(in_.sample(), ping_channel, seq);
      out_.put(make_sample(pong_channel, seq, 2.0));
      send(pong_.get(), pong_.name(), out_.data(), out_.size(), nullptr);
    }
    return errors;
  }

 private:
  MessageQueue ping_, pong_;
  Message out_;
  Message in_;
  std::uint64_t seq_ = 0;
};

} // namespace

std::unique_ptr<Exchange> shm_spin_exchange(std::size_t size) { return std::make_unique<ShmSpin>(size); }
std::unique_ptr<Exchange> named_sem_exchange(std::uint32_t spin) {
  return std::make_unique<SemPingPong>(true, spin);
}
std::unique_ptr<Exchange> unnamed_sem_exchange() { return std::make_unique<SemPingPong>(false, 0); }
std::unique_ptr<Exchange> mq_exchange(long depth, std::size_t size) {
  return std::make_unique<MqPingPong>(depth, size);
}

} // namespace ipcdemo::bench
