// SPDX-License-Identifier: MIT
// One frame of `ipcdemo watch`: the objects, their values (a segment's counter,
// a semaphore's value and waiters, a queue's depth) and their holders, drawn as
// a full screen with plain ANSI escape codes, what changed since the previous
// frame in reverse video; or as one JSON line.
#pragma once

#include "ipc/listing.hpp"

#include <cstdint>
#include <ctime>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ipcdemo::watch {

struct Object {
  ObjectKind kind = ObjectKind::none;
  std::string name;
  bool deleted = false;
  std::optional<long long> bytes;
  std::optional<std::uint64_t> counter; // shm: the first 8 bytes
  std::optional<long long> value, waiters, curmsgs, maxmsg;
  std::vector<holders::Hold> holders;
  std::string problem;
};

struct Frame {
  std::time_t time = 0;
  std::vector<Object> objects;
  std::size_t uninspectable = 0;
  bool queues_unlisted = false; // queues wanted, but the mqueue file system could not be read
  std::string queues_problem;   // why not
};

Frame capture(const ls::Request& request);

// The cells of one object's row: TYPE NAME VALUE HOLDERS WHO.
std::vector<std::string> cells(const Object& object);

// The whole screen: cursor home, each line cleared to its end, the rest of the
// screen cleared. Cells that differ from `previous` (same object) are marked.
std::string render(const Frame& frame, const std::map<std::string, std::vector<std::string>>& previous,
                   int columns, int rows, const std::string& title);
// Key -> cells, to compare the next frame with.
std::map<std::string, std::vector<std::string>> remember(const Frame& frame);

std::string json_line(const Frame& frame);

} // namespace ipcdemo::watch
