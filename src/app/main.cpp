// SPDX-License-Identifier: MIT
#include "app/dispatch.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <initializer_list>

namespace {

// Descriptors 0, 1 and 2 must be open before anything else opens a file: started
// with stderr closed (`2>&-`), the first segment or queue opened would become fd 2
// and receive the log lines, written over its counter. A closed one is opened on
// /dev/null as glibc does for set-user-ID programs (csu/check_fds.c): stdin
// write-only and stdout/stderr read-only, so that using them still fails, as on a
// closed descriptor, instead of silently succeeding.
bool standard_descriptors_open() {
  for (const int fd : {0, 1, 2}) {
    if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    const int opened = ::open("/dev/null", (fd == 0 ? O_WRONLY : O_RDONLY) | O_NOFOLLOW);
    if (opened != fd) return false; // /dev/null is missing or not a device: nothing is safe
  }
  return true;
}

} // namespace

int main(int argc, char** argv) {
  if (!standard_descriptors_open()) {
    // Descriptor 2 may be closed too: then this write fails, harmlessly.
    static constexpr char message[] = "ipcdemo: cannot open /dev/null for a closed standard descriptor\n";
    [[maybe_unused]] const auto ignored = ::write(2, message, sizeof message - 1);
    return 1;
  }
  return ipcdemo::main(argc, argv);
}
