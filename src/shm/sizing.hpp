// SPDX-License-Identifier: MIT
// Giving a segment its size, the screenplay's two ways: ftruncate(2), or (its
// commented-out alternative) lseek(2) to the last byte and write(2) one byte
// there, which leaves a hole before it. And what a size costs: st_blocks.
#pragma once

#include "sys/fd.hpp"

#include <sys/stat.h>

#include <cstdint>
#include <string>

namespace ipcdemo::shm {

enum class SizeBy { ftruncate, hole };

// Sizes the open segment `fd` to `size`. SizeBy::hole can only grow a file (the
// byte it writes must lie past the old end) and needs a size of at least 1.
void give_size(const sys::Fd& fd, std::uint64_t size, SizeBy how);

struct Resized {
  std::uint64_t old_size = 0;
  struct stat status {};
};

// `shm resize`: opens NAME O_RDWR and gives it `size`. Shortening a segment that
// other processes map is done, with a warning naming them (their next touch past the
// new end is a SIGBUS).
Resized resize(const std::string& name, std::uint64_t size, SizeBy how);

// Says at info level what a segment of this size is good for: too short for the
// counter (produce and consume refuse it), or counter only (attempts not recorded).
void note_size(const std::string& name, const struct stat& status);

// "4096 (8 blocks of 512 bytes)": what the file occupies, holes not counted.
std::string allocated_text(const struct stat& status);

} // namespace ipcdemo::shm
