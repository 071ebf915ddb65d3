// SPDX-License-Identifier: MIT
// Who owns an object, as info and ls show it: the name from the user and group
// databases, or the bare number when there is none.
#pragma once

#include <sys/types.h>

#include <string>

namespace ipcdemo {

std::string user_name(uid_t uid);  // "root", or "1234"
std::string group_name(gid_t gid); // "root", or "1234"

} // namespace ipcdemo
