// SPDX-License-Identifier: MIT
#include "base/printable.hpp"

#include "base/escape.hpp"

namespace ipcdemo {

std::string printable(std::string_view text) { return escape::visible(text); }

} // namespace ipcdemo
