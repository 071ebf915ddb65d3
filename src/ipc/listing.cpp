#include "ipc/listing.hpp"

#include "base/error.hpp"
#include "base/escape.hpp"
#include "base/json.hpp"
#include "ipc/mqueue_fs.hpp"
#include "ipc/owner.hpp"
#include "ipc/planted.hpp"
#include "sys/fd.hpp"
#include "sys/message_queue.hpp"
#include "sys/semaphore.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <algorithm>
#include <filesystem>

namespace ipcdemo::ls {

namespace fs = std::filesystem;

namespace {

std::string_view kind_name(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::shm: return "shm";
    case ObjectKind::sem: return "sem";
    case ObjectKind::mq: return "mq";
    case ObjectKind::none: break;
  }
  return "?";
}

bool wanted(const std::vector<ObjectKind>& kinds, ObjectKind kind) {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

std::string_view what_kind(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::shm: return "a shared memory segment";
    case ObjectKind::sem: return "a semaphore";
    case ObjectKind::mq: return "a message queue";
    case ObjectKind::none: break;
  }
  return "an IPC object";
}

// The attributes every row has, from lstat(2) of the file that shows the object:
// a symbolic link is shown as one, never followed; anything but a regular file is
// listed with what it is instead.
Row row_of(ObjectKind kind, std::string name, const fs::path& path) {
  Row row{.kind = kind, .name = std::move(name), .path = path.string()};
  struct stat info {};
  try {
    info = sys::lstat(row.path);
  } catch (const SysError& error) {
    row.problem = error.what();
    return row;
  }
  row.mode = info.st_mode & 07777;
  row.uid = info.st_uid;
  row.changed = info.st_ctime;
  if (!S_ISREG(info.st_mode)) {
    row.problem = not_an_object(row.path, info, what_kind(kind)).what();
    return row;
  }
  if (kind == ObjectKind::shm) row.bytes = info.st_size;
  return row;
}

// A directory that cannot be read is an error, never an empty listing.
[[noreturn]] void unreadable(const std::string& directory, const std::error_code& error) {
  throw SysError("opendir", directory, error.value());
}

void read_semaphore(Row& row) {
  try {
    // No O_CREAT: opening never creates or changes it; the wrapper refuses a damaged file.
    const auto semaphore = sys::Semaphore::open(row.name, 0);
    row.value = semaphore.value();
  } catch (const Error& error) {
    row.problem = error.what();
  }
}

void read_queue(Row& row) {
  try {
    const auto queue = sys::Queue::open(row.name, O_RDONLY);
    const mq_attr attributes = queue.attributes();
    row.curmsgs = attributes.mq_curmsgs;
    row.maxmsg = attributes.mq_maxmsg;
    row.msgsize = attributes.mq_msgsize;
  } catch (const Error& error) {
    row.problem = error.what();
  }
}

std::string size_text(const Row& row) {
  if (row.bytes) return std::to_string(*row.bytes);
  if (row.value) return fmt::format("value {}", *row.value);
  if (row.curmsgs) return fmt::format("{}/{} x {}B", *row.curmsgs, *row.maxmsg, *row.msgsize);
  return "-";
}

std::string json_number(const std::optional<long long>& value) {
  return value ? std::to_string(*value) : "null";
}

std::string iso_time(std::time_t time) { return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(time)); }

} // namespace

Listing list(const std::vector<ObjectKind>& kinds) {
  Listing listing;
  std::error_code error;
  if (wanted(kinds, ObjectKind::shm) || wanted(kinds, ObjectKind::sem)) {
    fs::directory_iterator entries("/dev/shm", error);
    if (error) unreadable("/dev/shm", error);
    for (auto entry = fs::begin(entries); entry != fs::end(entries); entry.increment(error)) {
      const std::string file = entry->path().filename().string();
      const bool is_sem = file.starts_with("sem.");
      const ObjectKind kind = is_sem ? ObjectKind::sem : ObjectKind::shm;
      if (!wanted(kinds, kind)) continue;
      Row row = row_of(kind, "/" + (is_sem ? file.substr(4) : file), entry->path());
      if (is_sem && row.problem.empty()) read_semaphore(row);
      listing.rows.push_back(std::move(row));
    }
    if (error) unreadable("/dev/shm", error);
  }
  if (wanted(kinds, ObjectKind::mq)) {
    if (const auto mount_point = mq::mqueue_mount_point()) {
      listing.mqueue_mounted = true;
      fs::directory_iterator entries(*mount_point, error);
      if (error) unreadable(*mount_point, error);
      for (auto entry = fs::begin(entries); entry != fs::end(entries); entry.increment(error)) {
        Row row = row_of(ObjectKind::mq, "/" + entry->path().filename().string(), entry->path());
        if (row.problem.empty()) read_queue(row);
        listing.rows.push_back(std::move(row));
      }
      if (error) unreadable(*mount_point, error);
    }
  }
  std::sort(listing.rows.begin(), listing.rows.end(),
            [](const Row& a, const Row& b) { return std::tie(a.kind, a.name) < std::tie(b.kind, b.name); });
  return listing;
}

std::string format_table(const Listing& listing) {
  std::string out = fmt::format("{:<4} {:<32} {:>16} {:<5} {:<10} {}\n", "TYPE", "NAME", "SIZE", "MODE",
                                "OWNER", "CHANGED");
  for (const auto& row : listing.rows) {
    // Names are anyone's choice: escaped, a newline in one cannot start a row.
    out +=
        fmt::format("{:<4} {:<32} {:>16} {:04o}  {:<10} {}", kind_name(row.kind), escape::visible(row.name),
                    size_text(row), row.mode, escape::visible(user_name(row.uid)), iso_time(row.changed));
    if (!row.problem.empty()) out += "  (" + escape::line(row.problem) + ")";
    out += "\n";
  }
  return out;
}

std::string format_json(const Listing& listing) {
  std::string out = "[";
  bool first = true;
  for (const auto& row : listing.rows) {
    out += first ? "\n" : ",\n";
    first = false;
    out += fmt::format(
        "  {{\"type\":\"{}\",\"name\":{},\"path\":{},\"size\":{},\"value\":{},\"curmsgs\":{},\"maxmsg\":{},"
        "\"msgsize\":{},\"mode\":\"{:04o}\",\"uid\":{},\"owner\":{},\"changed\":\"{}\",\"problem\":{}}}",
        kind_name(row.kind), json_string(row.name), json_string(row.path), json_number(row.bytes),
        json_number(row.value), json_number(row.curmsgs), json_number(row.maxmsg), json_number(row.msgsize),
        row.mode, row.uid, json_string(user_name(row.uid)), iso_time(row.changed),
        row.problem.empty() ? "null" : json_string(row.problem));
  }
  out += first ? "]\n" : "\n]\n";
  return out;
}

} // namespace ipcdemo::ls
