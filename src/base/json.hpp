// JSON output, written by hand: the documents are small and flat.
#pragma once

#include <string>
#include <string_view>

namespace ipcdemo {

// A JSON string literal: quotes, backslashes and control characters escaped.
std::string json_string(std::string_view text);

} // namespace ipcdemo
