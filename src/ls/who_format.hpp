// SPDX-License-Identifier: MIT
// `ipcdemo who`: one line per holder of each object (lsfd's view, turned around:
// from the object to the processes), and the same as JSON.
#pragma once

#include "ipc/listing.hpp"

#include <string>

namespace ipcdemo::ls {

// Rows without holders are shown as "not held" (the caller chooses which rows).
std::string format_who_table(const Listing& listing, bool headings = true);
// {"objects":[{type,name,deleted,waiters,holders:[...]}],"processes":N,"uninspectable":M}
std::string format_who_json(const Listing& listing);

} // namespace ipcdemo::ls
