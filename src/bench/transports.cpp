// SPDX-License-Identifier: MIT
// Round trips and one-way streams over a descriptor-based Link: the same loops
// for a pipe, a FIFO, both kinds of Unix socketpair and TCP, so that the table
// compares the transports and nothing else. Each message is --size bytes.
#include "bench/exchanges.hpp"
#include "bench/io.hpp"
#include "bench/links.hpp"
#include "bench/message.hpp"

namespace ipcdemo::bench {

namespace {

// Round trip: the parent sends message k and waits for reply k; the child checks
// k and replies. Stream: the child sends as fast as the transport takes it; the
// parent checks the order.
template <bool RoundTrip>
class LinkExchange final : public Exchange {
 public:
  LinkExchange(Link link, std::size_t size) : link_(std::move(link)), out_(size), in_(size) {}
  void parent_after_fork(pid_t /*child*/) override { link_.child_only.clear(); }
  void child_after_fork() override { link_.parent_only.clear(); }

  std::uint64_t parent_run(std::uint64_t n, Peer& peer) override {
    std::uint64_t errors = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
      const auto seq = static_cast<std::int64_t>(++seq_);
      if constexpr (RoundTrip) {
        out_.put(make_sample(ping_channel, seq, 1.0));
        write_all(link_.parent_send, link_.name, out_.data(), out_.size(), &peer);
      }
      read_all(link_.parent_recv, link_.name, in_.data(), in_.size(), &peer);
      errors += !is(in_.sample(), RoundTrip ? pong_channel : ping_channel, seq);
    }
    return errors;
  }

  std::uint64_t child_run(std::uint64_t n) override {
    std::uint64_t errors = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
      const auto seq = static_cast<std::int64_t>(++seq_);
      if constexpr (RoundTrip) {
        read_all(link_.child_recv, link_.name, in_.data(), in_.size(), nullptr);
        errors += !is(in_.sample(), ping_channel, seq);
      }
      out_.put(make_sample(RoundTrip ? pong_channel : ping_channel, seq, RoundTrip ? 2.0 : 1.0));
      write_all(link_.child_send, link_.name, out_.data(), out_.size(), nullptr);
    }
    return errors;
  }

 private:
  Link link_;
  Message out_;
  Message in_;
  std::uint64_t seq_ = 0;
};

} // namespace

std::unique_ptr<Exchange> link_round_trip(Link link, std::size_t size) {
  return std::make_unique<LinkExchange<true>>(std::move(link), size);
}
std::unique_ptr<Exchange> link_stream(Link link, std::size_t size) {
  return std::make_unique<LinkExchange<false>>(std::move(link), size);
}

} // namespace ipcdemo::bench
