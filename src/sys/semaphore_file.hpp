// SPDX-License-Identifier: MIT
// The file glibc keeps a named semaphore in, /dev/shm/sem.NAME, and the check
// made on it once sem_open has mapped it, before anything touches it. Any local
// user may plant or edit such a
// file, and glibc trusts it: it maps the first sizeof(sem_t) bytes without looking
// (a shorter file raises SIGBUS at the first access) and XORs the private field
// into every futex(2) operation (an operation the kernel does not know makes glibc
// abort; 0 makes the futex private, so a post never wakes another process).
//
// The layout, as glibc 2.21 and later write it on a 64-bit little-endian target
// (struct new_sem in glibc's sysdeps/nptl/internaltypes.h, made by sem_open.c);
// ipcdemo-sem(1) shows the same table:
//
//   offset  size  field     meaning
//   0       4     value     the semaphore's value, at most SEM_VALUE_MAX
//   4       4     nwaiters  how many waiters are (or were, if killed) asleep
//   8       4     private   128 (FUTEX_PRIVATE_FLAG, glibc's LLL_SHARED): XORed
//                           into each futex operation, it makes them shared
//   12      4     pad       unused
//   16      16    (rest)    zeros; sem_t is 32 bytes, the file exactly that
//
// (value and nwaiters are one 64-bit word, `data`, changed atomically: its low
// 32 bits are the value, its high 32 the waiters; SEM_VALUE_MASK and
// SEM_NWAITERS_SHIFT in internaltypes.h.) This is the one place ipcdemo reads the
// file: sem commands check what sem_open mapped before they touch it (so that -v
// and strace show sem_open first, as the screenplay calls it), ls, info and who
// read the value and waiters from the file without opening the semaphore.
#pragma once

#include <semaphore.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace ipcdemo::sys {

// The first word of the file: what a semaphore holds, read without sem_open.
struct SemaphoreWord {
  std::uint32_t value = 0;
  std::uint32_t waiters = 0;
};

inline constexpr std::size_t semaphore_file_size = sizeof(sem_t);
inline constexpr std::size_t semaphore_value_offset = 0;
inline constexpr std::size_t semaphore_nwaiters_offset = 4;
inline constexpr std::size_t semaphore_private_offset = 8;

// What is wrong with these bytes (the whole file) as glibc's semaphore, in words
// for "semaphore /x is damaged: ..."; empty when glibc can use them. Pure: it is
// what the fuzz target tests/fuzz/fuzz_sem_file.cpp feeds.
std::string semaphore_file_problem(std::span<const unsigned char> bytes);

// The value and waiters in the file's first 64-bit word (the machine's byte order).
SemaphoreWord decode_semaphore_word(std::uint64_t data);

// Opens PATH once as glibc would find it, without following a symbolic link or
// blocking on a FIFO (O_RDONLY|O_NOFOLLOW|O_NONBLOCK), reads its 32 bytes with
// one pread and checks them: a file that is not a regular file is refused as
// planted, a damaged one is reported with what is wrong (Error, exit 1). A file
// that cannot be opened (absent, not readable) throws the open's SysError. Read
// permission is enough: nothing is mapped or written.
SemaphoreWord read_semaphore_file(const std::string& name, const std::string& path);

// The same check, made on the 32 bytes sem_open mapped, before anything touches
// them: they are read through the kernel (process_vm_readv of our own memory),
// which answers EFAULT where a touch would raise SIGBUS (a file shorter than the
// page mapped). The bytes checked are the very ones glibc uses, whatever happens
// to PATH meanwhile. Where the kernel refuses that call (a seccomp filter), the
// file at PATH is read instead. Throws Error (exit 1) naming what is wrong.
void check_semaphore_mapping(const std::string& name, const std::string& path, const sem_t* sem);

} // namespace ipcdemo::sys
