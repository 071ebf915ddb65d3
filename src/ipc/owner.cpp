// SPDX-License-Identifier: MIT
#include "ipc/owner.hpp"

#include <grp.h>
#include <pwd.h>

namespace ipcdemo {

std::string user_name(uid_t uid) {
  const passwd* entry = ::getpwuid(uid);
  return entry != nullptr ? entry->pw_name : std::to_string(uid);
}

std::string group_name(gid_t gid) {
  const group* entry = ::getgrgid(gid);
  return entry != nullptr ? entry->gr_name : std::to_string(gid);
}

} // namespace ipcdemo
