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
// wait.hpp and object_costs.cpp are bare (tests/lint/raw-calls.sh allows exactly those).
#pragma once

#include "bench/pair.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>

namespace ipcdemo::bench {

// Round trips.
std::unique_ptr<Exchange> shm_spin_exchange();                    // one cache line, atomics
std::unique_ptr<Exchange> named_sem_exchange(std::uint32_t spin); // sem_open'd pair; spin 0: block at once
std::unique_ptr<Exchange> unnamed_sem_exchange();                 // sem_init(pshared) in a shm segment
std::unique_ptr<Exchange> mq_exchange(long depth);                // two queues
std::unique_ptr<Exchange> pipe_exchange();                        // two pipes

// One-way streams; the parent is the receiver.
std::unique_ptr<Exchange> mq_stream_exchange(long depth);
std::unique_ptr<Exchange> shm_ring_exchange(std::uint32_t spin);
std::unique_ptr<Exchange> pipe_stream_exchange();

inline constexpr std::size_t ring_slots = 256;                    // samples in the shm ring
inline constexpr std::size_t pipe_chunk = std::size_t{64} * 1024; // bytes per write in the pipe stream
// sem_trywait polls before blocking, and ring polls before yielding (split CPUs only).
inline constexpr std::uint32_t sem_spin_polls = 20000;
inline constexpr std::uint32_t ring_spin_polls = 2000;

} // namespace ipcdemo::bench
