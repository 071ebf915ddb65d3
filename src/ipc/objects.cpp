#include "ipc/objects.hpp"

#include "ipc/mqueue_fs.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ipcdemo {

namespace fs = std::filesystem;

std::vector<std::string> live_object_names(ObjectKind kind) {
  std::string directory = "/dev/shm";
  if (kind == ObjectKind::mq) {
    const auto mount_point = mq::mqueue_mount_point();
    if (!mount_point) return {};
    directory = *mount_point;
  }
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(directory, error)) {
    if (!entry.is_regular_file(error)) continue;
    const std::string file = entry.path().filename().string();
    const bool is_sem_file = file.starts_with("sem.");
    if (kind == ObjectKind::sem && is_sem_file) names.push_back("/" + file.substr(4));
    if (kind == ObjectKind::shm && !is_sem_file) names.push_back("/" + file);
    if (kind == ObjectKind::mq) names.push_back("/" + file);
  }
  std::sort(names.begin(), names.end());
  return names;
}

} // namespace ipcdemo
