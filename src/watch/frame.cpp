// SPDX-License-Identifier: MIT
#include "watch/frame.hpp"

#include "base/error.hpp"
#include "base/json.hpp"
#include "base/printable.hpp"
#include "base/size_text.hpp"
#include "base/wrap.hpp"
#include "shm/segment.hpp"
#include "sys/fd.hpp"

#include <fcntl.h>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>

namespace ipcdemo::watch {

namespace {

constexpr const char* reverse = "\x1b[7m";
constexpr const char* normal = "\x1b[0m";
constexpr const char* clear_line = "\x1b[K";

// The counter of a listed segment, opened as every command opens one (shm::open:
// O_NOFOLLOW, no blocking on a FIFO, a regular file only), so that a link or FIFO
// planted under its name, or swapped in after the listing, is never read through.
// Rows already listed with a problem are not opened at all.
std::optional<std::uint64_t> read_counter(const ls::Row& row) {
  if (!row.problem.empty()) return std::nullopt;
  try {
    const shm::Opened opened = shm::open(row.name, O_RDONLY);
    std::uint64_t value = 0;
    if (sys::pread(opened.fd.get(), row.path, &value, sizeof value, 0) < sizeof value) return std::nullopt;
    return value;
  } catch (const Interrupted&) {
    throw;
  } catch (const Error&) {
    return std::nullopt; // gone, changed or refused since the listing: no counter this frame
  }
}

std::string key_of(const Object& object) {
  return fmt::format("{}{}{}", ls::kind_name(object.kind), object.name, object.deleted ? " (deleted)" : "");
}

std::string optional_json(const std::optional<long long>& value) {
  return value ? std::to_string(*value) : "null";
}

} // namespace

Frame capture(const ls::Request& request) {
  ls::Request wanted = request;
  wanted.holders = true;
  const auto listing = ls::list(wanted);
  Frame frame{.time = std::time(nullptr),
              .uninspectable = listing.scan ? listing.scan->uninspectable : 0,
              .queues_unlisted = !listing.mqueue_read && std::find(request.kinds.begin(), request.kinds.end(),
                                                                   ObjectKind::mq) != request.kinds.end(),
              .queues_problem = listing.mqueue_problem};
  for (const auto& row : listing.rows) {
    Object object{.kind = row.kind,
                  .name = row.name,
                  .deleted = row.deleted,
                  .bytes = row.bytes,
                  .value = row.value,
                  .waiters = row.waiters,
                  .curmsgs = row.curmsgs,
                  .maxmsg = row.maxmsg,
                  .holders = row.holders,
                  .problem = row.problem};
    if (row.kind == ObjectKind::shm && !row.deleted) object.counter = read_counter(row);
    frame.objects.push_back(std::move(object));
  }
  return frame;
}

std::vector<std::string> cells(const Object& object) {
  std::string value = "-";
  if (!object.problem.empty())
    value = "?";
  else if (object.kind == ObjectKind::shm && object.counter)
    value = fmt::format("counter {}", *object.counter);
  else if (object.kind == ObjectKind::shm && object.bytes)
    value = fmt::format("{} (no counter)", human_size(static_cast<std::uint64_t>(*object.bytes)));
  else if (object.value)
    value = fmt::format(
        "value {}{}", *object.value,
        object.waiters && *object.waiters > 0 ? fmt::format(", {} waiting", *object.waiters) : "");
  else if (object.curmsgs)
    value = fmt::format("{}/{} msgs", *object.curmsgs, *object.maxmsg);
  // One entry per process, with every way it holds the object: a producer that
  // maps the segment and keeps its descriptor is one holder, "4711 ipcdemo rw+fd".
  std::string who;
  std::size_t processes = 0;
  for (std::size_t i = 0; i < object.holders.size(); ++i) {
    const auto& hold = object.holders[i];
    const bool same_process = i > 0 && object.holders[i - 1].pid == hold.pid;
    const std::string_view way = hold.way == holders::Way::mapped       ? (hold.writable ? "rw" : "ro")
                                 : hold.way == holders::Way::descriptor ? "fd"
                                                                        : "notify";
    if (same_process) {
      if (!who.ends_with(way)) who += fmt::format("+{}", way);
      continue;
    }
    ++processes;
    if (!who.empty()) who += ", ";
    who += fmt::format("{} {} {}", hold.pid, hold.command, way);
  }
  return {std::string(ls::kind_name(object.kind)),
          printable(object.name) + (object.deleted ? " (deleted)" : ""), value, std::to_string(processes),
          who.empty() ? "-" : printable(who)};
}

std::map<std::string, std::vector<std::string>> remember(const Frame& frame) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& object : frame.objects) out.emplace(key_of(object), cells(object));
  return out;
}

std::string render(const Frame& frame, const std::map<std::string, std::vector<std::string>>& previous,
                   int columns, int rows, const std::string& title) {
  const auto width = static_cast<std::size_t>(std::max(columns, 20));
  std::vector<std::vector<std::string>> table;
  table.push_back({"TYPE", "NAME", "VALUE", "HOLDERS", "WHO"});
  for (const auto& object : frame.objects) table.push_back(cells(object));
  std::vector<std::size_t> widths(5, 0);
  for (const auto& line : table)
    for (std::size_t i = 0; i < 4; ++i) widths[i] = std::max(widths[i], display_width(line[i]));
  widths[1] = std::min<std::size_t>(widths[1], 40);

  std::string out = "\x1b[H"; // home; every line then clears its own rest
  const auto put_line = [&](const std::string& text) { out += text + clear_line + "\r\n"; };
  put_line(std::string(cut_to_width(printable(title), width)));
  const std::size_t room = rows > 3 ? static_cast<std::size_t>(rows) - 2 : 1; // title and the last line
  for (std::size_t row = 0; row < table.size() && row < room; ++row) {
    if (row + 1 == room && table.size() > room) {
      put_line(std::string(cut_to_width(
          fmt::format("... and {} more (narrow them with a PATTERN)", table.size() - row), width)));
      break;
    }
    const auto& line = table[row];
    const std::vector<std::string>* before = nullptr;
    if (row > 0) {
      const auto found = previous.find(key_of(frame.objects[row - 1]));
      if (found != previous.end()) before = &found->second;
    }
    std::string text;
    std::size_t used = 0;
    for (std::size_t i = 0; i < line.size() && used < width; ++i) {
      // Cut and padded by the columns the terminal shows, never inside a character.
      std::string cell;
      if (i == 3)
        append_padded(cell, line[i], widths[i], Align::right);
      else if (i < 3)
        append_padded(cell, cut_to_width(line[i], widths[i]), widths[i], Align::left);
      else
        cell = line[i];
      cell = std::string(cut_to_width(cell, width - used));
      // New objects and changed values stand out until the next frame.
      const bool changed = row > 0 && !previous.empty() && (before == nullptr || (*before)[i] != line[i]);
      text += changed ? reverse + cell + normal : cell;
      used += display_width(cell);
      if (i + 1 < line.size() && used < width) {
        text += ' ';
        ++used;
      }
    }
    put_line(text);
  }
  if (frame.queues_unlisted)
    put_line(std::string("message queues are not listed: the mqueue file system could not be read")
                 .substr(0, width));
  if (frame.uninspectable > 0)
    put_line(fmt::format("{} process{} could not be inspected: their holds are not shown",
                         frame.uninspectable, frame.uninspectable == 1 ? "" : "es")
                 .substr(0, width));
  return out + "\x1b[J"; // clear whatever the previous frame left below
}

std::string json_line(const Frame& frame) {
  std::string out =
      fmt::format("{{\"time\":\"{:%Y-%m-%dT%H:%M:%SZ}\",\"objects\":[", fmt::gmtime(frame.time));
  bool first = true;
  for (const auto& object : frame.objects) {
    if (!first) out += ",";
    first = false;
    // The processes that hold it, each once (its holds are listed by who --json).
    std::string pids;
    for (std::size_t i = 0; i < object.holders.size(); ++i)
      if (i == 0 || object.holders[i - 1].pid != object.holders[i].pid)
        pids += (pids.empty() ? "" : ",") + std::to_string(object.holders[i].pid);
    out += fmt::format(
        "{{\"type\":\"{}\",\"name\":{},\"deleted\":{},\"size\":{},\"counter\":{},\"value\":{},\"waiters\":{},"
        "\"curmsgs\":{},\"maxmsg\":{},\"holders\":[{}]}}",
        ls::kind_name(object.kind), json_string(object.name), object.deleted ? "true" : "false",
        optional_json(object.bytes), object.counter ? std::to_string(*object.counter) : "null",
        optional_json(object.value), optional_json(object.waiters), optional_json(object.curmsgs),
        optional_json(object.maxmsg), pids);
  }
  return out + fmt::format("],\"uninspectable\":{},\"queues_listed\":{}}}\n", frame.uninspectable,
                           frame.queues_unlisted ? "false" : "true");
}

} // namespace ipcdemo::watch
