// SPDX-License-Identifier: MIT
#include "shm/mappers.hpp"

#include "base/signals.hpp"

#include <dirent.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <memory>

namespace ipcdemo::shm {

namespace {
// A maps row ends with the path, after the inode column and spaces.
bool names(const std::string& row, const std::string& path) {
  const auto slash = row.find('/');
  if (slash == std::string::npos) return false;
  const std::string_view named = std::string_view(row).substr(slash);
  return named == path || named == path + " (deleted)";
}
} // namespace

Mappers processes_mapping(const std::string& path) {
  Mappers found;
  const std::unique_ptr<DIR, int (*)(DIR*)> proc(::opendir("/proc"), ::closedir);
  if (!proc) return found;
  const pid_t self = ::getpid();
  while (const dirent* entry = ::readdir(proc.get())) {
    signals::throw_if_interrupted();
    char* end = nullptr;
    const long pid = std::strtol(entry->d_name, &end, 10);
    if (*end != '\0' || pid <= 0 || pid == self) continue;
    std::ifstream maps(fmt::format("/proc/{}/maps", pid));
    if (!maps.is_open()) {
      // Opening another user's maps fails (ptrace access); a process gone since readdir is no loss.
      if (::access(fmt::format("/proc/{}", pid).c_str(), F_OK) == 0) ++found.unreadable;
      continue;
    }
    for (std::string row; std::getline(maps, row);)
      if (names(row, path)) {
        found.pids.push_back(static_cast<pid_t>(pid));
        break;
      }
  }
  return found;
}

std::string describe(const Mappers& mappers) {
  std::string text;
  for (const pid_t pid : mappers.pids) text += fmt::format("{}pid {}", text.empty() ? "" : ", ", pid);
  if (mappers.unreadable > 0)
    text += fmt::format("{}{} process{} not checked (their maps are not readable to you)",
                        text.empty() ? "" : "; ", mappers.unreadable, mappers.unreadable == 1 ? "" : "es");
  return text;
}

} // namespace ipcdemo::shm
