// SPDX-License-Identifier: MIT
#include "ipc/mqueue_fs.hpp"

#include "base/error.hpp"
#include "sys/fd.hpp"
#include "sys/private_mount.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <charconv>

namespace ipcdemo::mq {

namespace {

std::string read_all(const std::string& path) {
  const sys::Fd fd = sys::open(path, O_RDONLY);
  return sys::read_to_end(fd.get(), path);
}

// /proc/self/mounts writes a space in a path as \040 (octal escapes).
std::string unescape_mount_path(std::string_view field) {
  std::string out;
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 3 < field.size()) {
      int value = 0;
      const auto [end, ec] = std::from_chars(field.data() + i + 1, field.data() + i + 4, value, 8);
      if (ec == std::errc() && end == field.data() + i + 4) {
        out += static_cast<char>(value);
        i += 3;
        continue;
      }
    }
    out += field[i];
  }
  return out;
}

std::optional<long> number_after(std::string_view text, std::string_view key) {
  const auto at = text.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  const char* begin = text.data() + at + key.size();
  long value = 0;
  const auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
  if (ec != std::errc()) return std::nullopt;
  return value;
}

} // namespace

std::optional<std::string> find_mqueue_mount(std::string_view mounts) {
  while (!mounts.empty()) {
    const auto newline = mounts.find('\n');
    std::string_view line = mounts.substr(0, newline);
    mounts = newline == std::string_view::npos ? std::string_view{} : mounts.substr(newline + 1);
    // device mount-point type options dump pass
    const auto first = line.find(' ');
    if (first == std::string_view::npos) continue;
    const auto second = line.find(' ', first + 1);
    if (second == std::string_view::npos) continue;
    const auto third = line.find(' ', second + 1);
    const std::string_view type =
        line.substr(second + 1, third == std::string_view::npos ? line.npos : third - second - 1);
    if (type == "mqueue") return unescape_mount_path(line.substr(first + 1, second - first - 1));
  }
  return std::nullopt;
}

std::optional<std::string> mqueue_mount_point() {
  try {
    return find_mqueue_mount(read_all("/proc/self/mounts"));
  } catch (const SysError&) {
    return std::nullopt;
  }
}

QueueFile parse_queue_file(std::string_view text) {
  QueueFile file;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  file.text = std::string(text);
  file.qsize = number_after(text, "QSIZE:");
  file.notify = number_after(text, "NOTIFY:");
  file.signo = number_after(text, "SIGNO:");
  if (const auto pid = number_after(text, "NOTIFY_PID:")) file.notify_pid = static_cast<pid_t>(*pid);
  return file;
}

std::optional<QueueFile> read_queue_file(const std::string& mount_point, std::string_view canonical_name) {
  try {
    return parse_queue_file(read_all(mount_point + std::string(canonical_name)));
  } catch (const SysError&) {
    return std::nullopt;
  }
}

std::optional<MqueueDirectory> mqueue_directory(PrivateMount private_mount, std::string* why,
                                                std::string* failure_out) {
  if (auto mount_point = mqueue_mount_point()) {
    MqueueDirectory found{.path = *mount_point, .shown = *mount_point};
    try {
      found.directory = sys::open(*mount_point, O_RDONLY | O_DIRECTORY);
    } catch (const SysError&) {
      // Listed by its path, and each queue opened by mq_open, as before.
    }
    return found;
  }
  std::string reason = "the mqueue file system is not mounted";
  if (private_mount == PrivateMount::attempt ||
      (private_mount == PrivateMount::as_root && ::geteuid() == 0)) {
    std::string failure;
    if (auto mounted = sys::mount_privately("mqueue", usual_mount_point, failure)) {
      const std::string path = "/proc/self/fd/" + std::to_string(mounted->directory.get());
      return MqueueDirectory{.path = path,
                             .shown = std::move(mounted->point),
                             .private_mount = true,
                             .directory = std::move(mounted->directory)};
    }
    reason += " and a private mount failed (" + failure + ")";
    if (failure_out != nullptr) *failure_out = failure;
  }
  if (why != nullptr) *why = reason;
  return std::nullopt;
}

} // namespace ipcdemo::mq
