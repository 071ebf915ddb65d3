// SPDX-License-Identifier: MIT
#include "mq/info.hpp"

#include "base/escape.hpp"
#include "ipc/mqueue_fs.hpp"
#include "ipc/owner.hpp"
#include "mq/queue.hpp"
#include "sys/narrate.hpp"

#include <fcntl.h>

#include <fmt/format.h>

namespace ipcdemo::mq {

std::string info(const std::string& name) {
  const sys::Queue queue = open_to_look(name);
  const mq_attr attr = queue.attributes();
  const struct stat status = queue.status();
  std::string out = fmt::format(
      "name: {}\nflags: {}\nmaxmsg: {}\nmsgsize: {}\ncurmsgs: {}\nmode: {}\nowner: {} (uid {})\ngroup: {} "
      "(gid {})\n",
      escape::visible(name), (attr.mq_flags & O_NONBLOCK) != 0 ? "O_NONBLOCK" : "0", attr.mq_maxmsg,
      attr.mq_msgsize, attr.mq_curmsgs, narrate::octal(status.st_mode & 07777), user_name(status.st_uid),
      status.st_uid, group_name(status.st_gid), status.st_gid);
  // The host's mount, or (root, or anyone who may unshare) a private one: nothing is mounted on the host.
  std::string failure;
  if (const auto directory = mqueue_directory(PrivateMount::attempt, nullptr, &failure)) {
    const auto file = read_queue_file(directory->path, name);
    const std::string text = file ? file->text : "(unreadable)";
    if (directory->private_mount)
      // The private mount's directory exists only in the namespace we made to read
      // it: naming it as a path would send the reader to a file that is not there.
      // One fact a line, each within 80 columns: the file, how it was read, how to see it.
      out += fmt::format(
          "mqueue file: {}\nmqueue seen: through a private mount (the host has none)\n"
          "mqueue mount: {}\nmqueue path: /dev/mqueue{} (once mounted)\n",
          text, mount_command, escape::visible(name));
    else
      out += fmt::format("mqueue file: {}: {}\n", escape::visible(directory->shown + name), text);
  } else {
    out += fmt::format("mqueue file: not mounted, and {}\nmqueue mount: {} (as root)\n", failure,
                       mount_command);
  }
  return out;
}

} // namespace ipcdemo::mq
