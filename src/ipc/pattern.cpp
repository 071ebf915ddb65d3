// SPDX-License-Identifier: MIT
#include "ipc/pattern.hpp"

#include <fnmatch.h>

namespace ipcdemo {

namespace {
std::string_view without_slash(std::string_view text) {
  if (text.starts_with('/')) text.remove_prefix(1);
  return text;
}
} // namespace

bool name_matches(std::string_view pattern, std::string_view canonical_name) {
  // No FNM_PATHNAME: object names hold no slash past the first.
  return ::fnmatch(std::string(without_slash(pattern)).c_str(),
                   std::string(without_slash(canonical_name)).c_str(), 0) == 0;
}

bool any_matches(const std::vector<std::string>& patterns, std::string_view canonical_name) {
  if (patterns.empty()) return true;
  for (const auto& pattern : patterns)
    if (name_matches(pattern, canonical_name)) return true;
  return false;
}

} // namespace ipcdemo
