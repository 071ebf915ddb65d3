// SPDX-License-Identifier: MIT
#include "app/install_links.hpp"

#include "base/error.hpp"
#include "base/escape.hpp"
#include "base/output.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace ipcdemo {

namespace fs = std::filesystem;

namespace {

constexpr const char* self_path = "/proc/self/exe";

// What DIR/NAME is now, as far as installing is concerned.
enum class Existing { none, this_ipcdemo, other };

// A link is ours only when it resolves to the very file that is running: a link
// to another program that happens to be called ipcdemo, or to one that no longer
// exists, is someone's, and so is every file that is not a symlink.
Existing existing(const fs::path& link, std::string& what) {
  std::error_code error;
  const fs::file_status status = fs::symlink_status(link, error);
  if (!fs::exists(status)) return Existing::none;
  if (!fs::is_symlink(status)) {
    what = fs::is_regular_file(status) ? "a regular file"
           : fs::is_directory(status)  ? "a directory"
                                       : "not a link";
    return Existing::other;
  }
  const fs::path points_to = fs::read_symlink(link, error);
  what = "a link to " + points_to.string();
  if (error) return Existing::other;
  if (!fs::exists(link, error)) {
    what += ", which does not resolve";
    return Existing::other;
  }
  // Same device and inode as /proc/self/exe: the same binary, whichever path leads to it.
  return fs::equivalent(link, self_path, error) && !error ? Existing::this_ipcdemo : Existing::other;
}

} // namespace

std::string self_executable() {
  std::error_code error;
  auto path = fs::read_symlink(self_path, error);
  if (error) throw SysError("readlink", self_path, error.value());
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
    const std::string shown = escape::visible(link.string());
    std::string what;
    switch (existing(link, what)) {
      case Existing::this_ipcdemo:
        fmt::print("unchanged {} -> {}\n", shown, escape::visible(fs::read_symlink(link, error).string()));
        continue;
      case Existing::other:
        output::error_line(fmt::format("{}: exists and is {}, not a link to this ipcdemo ({}); left alone",
                                       shown, escape::visible(what), escape::visible(target)));
        status = exit_code::failure;
        continue;
      case Existing::none: break;
    }
    fs::create_symlink(target, link, error);
    if (error) {
      output::error_line(fmt::format("symlink {}: {}", shown, error.message()));
      status = exit_code::failure;
      continue;
    }
    fmt::print("created {} -> {}\n", shown, escape::visible(target));
  }
  return status;
}

} // namespace ipcdemo
