// SPDX-License-Identifier: MIT
// Shell-style name patterns (fnmatch(3)) for ls, who, rm and watch: "demo*",
// "/demo-?", "[ab]*". A leading slash is optional on both sides, as it is for names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ipcdemo {

bool name_matches(std::string_view pattern, std::string_view canonical_name);
// True when `patterns` is empty (no filter) or any of them matches.
bool any_matches(const std::vector<std::string>& patterns, std::string_view canonical_name);

} // namespace ipcdemo
