// SPDX-License-Identifier: MIT
// The measurement loops, one Exchange per mechanism. Round trips (ping-pong):
// the parent sends a sample and waits for the reply. Streams (one way): the child
// sends, the parent receives and checks the order. Each loop makes the raw POSIX
// call a plain C program would make; bench/c/ has those programs.
//
// Why the loops bypass src/sys: they are what is timed. A wrapper costs a
// narration check, a std::string for the object's name and an error path per
// call, which would be measured as part of the mechanism and break the
// comparison with the C twins. So the objects are created, unlinked and closed
// through src/sys (narrated under -v), and only the timed calls in io.hpp,
// wait.hpp, wakeups.cpp and object_costs.cpp are bare (tests/lint/raw-calls.sh allows exactly those).
#pragma once

#include "bench/links.hpp"
#include "bench/pair.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>

namespace ipcdemo::bench {

// Round trips; `size`: bytes per message (--size).
std::unique_ptr<Exchange> shm_spin_exchange(std::size_t size);       // one cache line, atomics: the floor
std::unique_ptr<Exchange> named_sem_exchange(std::uint32_t spin);    // sem_open'd pair; spin 0: block at once
std::unique_ptr<Exchange> unnamed_sem_exchange();                    // sem_init(pshared) in a shm segment
std::unique_ptr<Exchange> mq_exchange(long depth, std::size_t size); // two queues
std::unique_ptr<Exchange> link_round_trip(Link link, std::size_t size); // pipe, FIFO, sockets (links.hpp)
std::unique_ptr<Exchange> futex_exchange();   // a shared word, FUTEX_WAIT/FUTEX_WAKE
std::unique_ptr<Exchange> eventfd_exchange(); // two eventfd counters
std::unique_ptr<Exchange> signal_exchange();  // sigqueue + sigwaitinfo of SIGRTMIN

// One-way streams; the parent is the receiver.
std::unique_ptr<Exchange> mq_stream_exchange(long depth, std::size_t size);
std::unique_ptr<Exchange> shm_ring_exchange(std::uint32_t spin, std::size_t size);
std::unique_ptr<Exchange> link_stream(Link link, std::size_t size);

inline constexpr std::size_t ring_slots = 256; // messages in the shm ring
// sem_trywait polls before blocking, and ring polls before yielding (split CPUs only).
inline constexpr std::uint32_t sem_spin_polls = 20000;
inline constexpr std::uint32_t ring_spin_polls = 2000;

} // namespace ipcdemo::bench
