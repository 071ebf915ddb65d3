// SPDX-License-Identifier: MIT
#include "mmap/copy_on_write.hpp"

#include "base/error.hpp"
#include "mmap/smaps.hpp"
#include "sys/fd.hpp"
#include "sys/mapping.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace ipcdemo::mmap {

namespace {

// The first line (at most 60 bytes) at `data`, with non-printing bytes as '.'.
std::string first_line(const char* data, std::size_t size) {
  std::string line;
  for (std::size_t i = 0; i < std::min<std::size_t>(size, 60) && data[i] != '\n'; ++i)
    line += (data[i] >= 0x20 && data[i] < 0x7f) ? data[i] : '.';
  return '"' + line + '"';
}

std::string page_state(const void* address) {
  const auto counts = maps::own_smaps(address);
  return counts ? maps::describe(*counts) : "(no smaps entry found)";
}

// The file's first bytes as read(2) returns them: what any other process gets.
std::string read_first(const std::string& path, std::size_t size) {
  const sys::Fd fd = sys::open(path, O_RDONLY | O_NONBLOCK); // never wait on a FIFO put in its place
  std::string bytes(std::min<std::size_t>(size, 4096), '\0');
  bytes.resize(sys::read(fd.get(), path, bytes.data(), bytes.size()));
  return first_line(bytes.data(), bytes.size());
}

} // namespace

void show_copy_on_write(const std::string& path, const std::string& text) {
  if (text.empty()) throw UsageError("--write: give at least one byte to write");
  // O_NONBLOCK: opening a FIFO would otherwise wait for a writer; only a regular
  // file's pages can be mapped and copied on write.
  sys::Fd fd = sys::open(path, O_RDONLY | O_NONBLOCK);
  const struct stat info = sys::fstat(fd);
  if (!S_ISREG(info.st_mode))
    throw UsageError(path + ": not a regular file: only a file's pages can be mapped and copied on write");
  const auto size = static_cast<std::size_t>(info.st_size);
  if (size == 0) throw UsageError(path + ": size 0: there is nothing to map (mmap of length 0 is EINVAL)");
  const std::size_t length = std::min<std::size_t>(size, 4096);
  // Only the first page is touched; its bytes past the end of a short file read as zeros.
  const auto shared = sys::Mapping::of_file(fd, length, PROT_READ, MAP_SHARED);
  const auto copy = sys::Mapping::of_file(fd, length, PROT_READ | PROT_WRITE, MAP_PRIVATE);
  fd.close();
  char* const data = static_cast<char*>(copy.data());

  fmt::print("{} mapped twice, from a descriptor opened O_RDONLY:\n", path);
  fmt::print(
      "  shared  {} PROT_READ, MAP_SHARED              (the file's pages, as every process sees them)\n",
      shared.data());
  fmt::print(
      "  private {} PROT_READ|PROT_WRITE, MAP_PRIVATE  (writable: a private mapping never writes back)\n",
      copy.data());

  // A read fault maps the file's own page (from the page cache) into the private
  // mapping too: mapped by both mappings, it counts as Shared.
  volatile char first = data[0];
  (void)first;
  (void)*static_cast<volatile const char*>(shared.data());
  fmt::print("\n1. after reading the private mapping\n");
  fmt::print("  private mapping reads {}\n", first_line(data, length));
  fmt::print("  its page (/proc/self/smaps): {}\n", page_state(data));
  fmt::print("  (Shared: the file's page, mapped by both mappings; Dirty would mean not yet on disk)\n");

  const std::size_t written = std::min(text.size(), length);
  std::copy_n(text.data(), written, data); // bytes into the page, no terminator wanted
  fmt::print("\n2. after writing {} into the private mapping (the write fault copied the page)\n",
             first_line(text.data(), written));
  fmt::print("  private mapping reads {}\n", first_line(data, length));
  fmt::print("  its page (/proc/self/smaps): {}\n", page_state(data));
  fmt::print("  shared mapping reads  {}\n", first_line(shared.bytes(), length));
  fmt::print("  the file, by read(2): {}\n", read_first(path, length));
  fmt::print(
      "\nThe writer sees its bytes; the file and every other process keep the old ones.\n"
      "The copy is anonymous memory of this process only, and goes when it unmaps or exits.\n");
}

} // namespace ipcdemo::mmap
