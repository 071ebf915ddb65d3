#include "app/install_links.hpp"

#include "base/error.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace ipcdemo {

namespace fs = std::filesystem;

namespace {

// A link is ours when it points at an ipcdemo binary, wherever that binary lives
// (a reinstall from another build directory updates it).
bool is_ipcdemo_link(const fs::path& link, fs::path& points_to) {
  std::error_code error;
  if (!fs::is_symlink(fs::symlink_status(link, error))) return false;
  points_to = fs::read_symlink(link, error);
  return !error && points_to.filename() == "ipcdemo";
}

} // namespace

std::string self_executable() {
  std::error_code error;
  auto path = fs::read_symlink("/proc/self/exe", error);
  if (error) throw SysError("readlink", "/proc/self/exe", error.value());
  return path.string();
}

int install_links(const std::string& dir, const std::string& target, const std::vector<std::string>& names) {
  if (dir.empty()) throw UsageError("--install '': DIR is empty; give the directory for the links");
  std::error_code error;
  const auto status_of_dir = fs::status(dir, error);
  if (fs::exists(status_of_dir) && !fs::is_directory(status_of_dir))
    throw UsageError(
        fmt::format("--install {}: not a directory ({}); DIR is where the links go", dir,
                    fs::is_regular_file(status_of_dir) ? "a regular file" : "another kind of file"));
  if (!fs::is_directory(status_of_dir))
    throw SysError("stat", dir, error ? error.value() : ENOTDIR,
                   fmt::format("create it first: mkdir -p {}", dir));
  int status = exit_code::ok;
  for (const auto& name : names) {
    const fs::path link = fs::path(dir) / name;
    fs::path points_to;
    const bool exists = fs::exists(fs::symlink_status(link, error));
    if (exists && !is_ipcdemo_link(link, points_to)) {
      fmt::print(stderr, "ipcdemo: {}: exists and is not a link to ipcdemo; left alone\n", link.string());
      status = exit_code::failure;
      continue;
    }
    if (exists && points_to == target) {
      fmt::print("unchanged {} -> {}\n", link.string(), target);
      continue;
    }
    if (exists) fs::remove(link, error);
    fs::create_symlink(target, link, error);
    if (error) {
      fmt::print(stderr, "ipcdemo: symlink {}: {}\n", link.string(), error.message());
      status = exit_code::failure;
      continue;
    }
    fmt::print("{} {} -> {}\n", exists ? "updated" : "created", link.string(), target);
  }
  return status;
}

} // namespace ipcdemo
