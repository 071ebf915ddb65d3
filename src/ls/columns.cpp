// SPDX-License-Identifier: MIT
#include "ls/columns.hpp"

#include "base/error.hpp"
#include "base/json.hpp"
#include "base/printable.hpp"
#include "base/size_text.hpp"
#include "base/wrap.hpp"
#include "ipc/owner.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <unordered_map>

namespace ipcdemo::ls {

namespace {

using Cell = std::function<std::string(const Row&, const Format&)>;

std::string number_or_dash(const std::optional<long long>& value) {
  return value ? std::to_string(*value) : "-";
}
std::string json_number(const std::optional<long long>& value) {
  return value ? std::to_string(*value) : "null";
}
// Objects made together share their times: each distinct time is converted and
// formatted once (two time columns were a fifth of ls's own work at 1,000 rows).
template <class Convert>
const std::string& cached_time(std::unordered_map<std::time_t, std::string>& cache, std::time_t time,
                               Convert convert) {
  auto found = cache.find(time);
  if (found == cache.end()) {
    if (cache.size() >= 4096) cache.clear(); // bounded, however many distinct times
    found = cache.emplace(time, convert(time)).first;
  }
  return found->second;
}
std::string iso_time(std::time_t time) {
  static std::unordered_map<std::time_t, std::string> cache;
  return cached_time(cache, time,
                     [](std::time_t t) { return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(t)); });
}
std::string local_time(std::time_t time) {
  static std::unordered_map<std::time_t, std::string> cache;
  return cached_time(cache, time,
                     [](std::time_t t) { return fmt::format("{:%Y-%m-%d %H:%M:%S}", fmt::localtime(t)); });
}

// A cell as the terminal may show it: escaped when it has to be, else the text itself, not a copy.
std::string shown_cell(std::string text) {
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte < 0x7f && c != '\\';
  });
  return plain ? text : printable(text);
}

// getpwuid reads the user database each time: 10,000 rows of one owner need one look-up.
const std::string& cached_user(uid_t uid) {
  static std::map<uid_t, std::string> names;
  auto found = names.find(uid);
  if (found == names.end()) found = names.emplace(uid, user_name(uid)).first;
  return found->second;
}
const std::string& cached_group(gid_t gid) {
  static std::map<gid_t, std::string> names;
  auto found = names.find(gid);
  if (found == names.end()) found = names.emplace(gid, group_name(gid)).first;
  return found->second;
}

std::string size_text(const Row& row, const Format& format) {
  if (row.bytes)
    return format.bytes ? std::to_string(*row.bytes) : human_size(static_cast<std::uint64_t>(*row.bytes));
  if (row.value) return fmt::format("value {}", *row.value);
  if (row.curmsgs) return fmt::format("{}/{} x {}B", *row.curmsgs, *row.maxmsg, *row.msgsize);
  return "-";
}

std::string holders_text(const Row& row) {
  if (row.holders.empty()) return "-";
  std::string out;
  for (const auto& hold : row.holders) {
    if (!out.empty()) out += ",";
    out += fmt::format("{}/{}", hold.pid, hold.command);
    if (hold.way == holders::Way::notify) out += "(notify)";
  }
  return out;
}

struct Column {
  ColumnInfo info;
  bool right;
  Cell text;
  std::function<std::string(const Row&)> json;
};

const std::vector<Column>& columns() {
  static const std::vector<Column> table = {
      {{"TYPE", "shm, sem or mq"},
       false,
       [](const Row& r, const Format&) { return std::string(kind_name(r.kind)); },
       [](const Row& r) { return json_string(kind_name(r.kind)); }},
      {{"NAME", "the object's name, \"(deleted)\" when unlinked but still held"},
       false,
       [](const Row& r, const Format&) { return r.deleted ? r.name + " (deleted)" : r.name; },
       [](const Row& r) { return json_string(r.name); }},
      {{"SIZE", "shm: bytes; sem: its value; mq: messages/maximum x message size"},
       true,
       size_text,
       [](const Row& r) { return json_number(r.bytes); }},
      {{"VALUE", "sem: the value (read from its file, as sem_getvalue does)"},
       true,
       [](const Row& r, const Format&) { return number_or_dash(r.value); },
       [](const Row& r) { return json_number(r.value); }},
      {{"WAITERS", "sem: threads blocked in sem_wait (from the semaphore's file)"},
       true,
       [](const Row& r, const Format&) { return number_or_dash(r.waiters); },
       [](const Row& r) { return json_number(r.waiters); }},
      {{"CURMSGS", "mq: messages queued"},
       true,
       [](const Row& r, const Format&) { return number_or_dash(r.curmsgs); },
       [](const Row& r) { return json_number(r.curmsgs); }},
      {{"MAXMSG", "mq: capacity in messages"},
       true,
       [](const Row& r, const Format&) { return number_or_dash(r.maxmsg); },
       [](const Row& r) { return json_number(r.maxmsg); }},
      {{"MSGSIZE", "mq: largest message in bytes"},
       true,
       [](const Row& r, const Format&) { return number_or_dash(r.msgsize); },
       [](const Row& r) { return json_number(r.msgsize); }},
      {{"NOTIFY",
        "mq: the process registered with mq_notify (0: none); read from the queue's file, which sets its "
        "ctime"},
       true,
       [](const Row& r, const Format&) { return number_or_dash(r.notify_pid); },
       [](const Row& r) { return json_number(r.notify_pid); }},
      {{"MODE", "permission bits, octal"},
       false,
       [](const Row& r, const Format&) { return r.mode ? fmt::format("{:04o}", *r.mode) : "-"; },
       [](const Row& r) { return r.mode ? fmt::format("\"{:04o}\"", *r.mode) : "null"; }},
      {{"OWNER", "owner's user name"},
       false,
       [](const Row& r, const Format&) { return r.uid ? cached_user(*r.uid) : "-"; },
       [](const Row& r) { return r.uid ? json_string(cached_user(*r.uid)) : "null"; }},
      {{"UID", "owner's user id"},
       true,
       [](const Row& r, const Format&) { return r.uid ? std::to_string(*r.uid) : "-"; },
       [](const Row& r) { return r.uid ? std::to_string(*r.uid) : "null"; }},
      {{"GROUP", "group name"},
       false,
       [](const Row& r, const Format&) { return r.gid ? cached_group(*r.gid) : "-"; },
       [](const Row& r) { return r.gid ? json_string(cached_group(*r.gid)) : "null"; }},
      {{"GID", "group id"},
       true,
       [](const Row& r, const Format&) { return r.gid ? std::to_string(*r.gid) : "-"; },
       [](const Row& r) { return r.gid ? std::to_string(*r.gid) : "null"; }},
      {{"MTIME", "last change of the contents (local time; JSON: UTC)"},
       false,
       [](const Row& r, const Format&) { return r.mtime ? local_time(*r.mtime) : "-"; },
       [](const Row& r) { return r.mtime ? json_string(iso_time(*r.mtime)) : "null"; }},
      {{"CTIME", "last change of the contents or attributes"},
       false,
       [](const Row& r, const Format&) { return r.ctime ? local_time(*r.ctime) : "-"; },
       [](const Row& r) { return r.ctime ? json_string(iso_time(*r.ctime)) : "null"; }},
      {{"HOLDERS", "processes that map or hold it, PID/COMMAND (with --holders)"},
       false,
       [](const Row& r, const Format&) { return holders_text(r); },
       [](const Row& r) { return holders_json(r.holders); }},
      {{"PATH", "the file that shows it"},
       false,
       [](const Row& r, const Format&) { return r.path.empty() ? "-" : r.path; },
       [](const Row& r) { return r.path.empty() ? "null" : json_string(r.path); }},
      {{"PROBLEM", "why it could not be read"},
       false,
       [](const Row& r, const Format&) { return r.problem.empty() ? "-" : r.problem; },
       [](const Row& r) { return r.problem.empty() ? "null" : json_string(r.problem); }},
  };
  return table;
}

const Column& column(std::string_view name) {
  for (const auto& candidate : columns())
    if (candidate.info.name == name) return candidate;
  throw std::logic_error("unknown column");
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

} // namespace

const std::vector<ColumnInfo>& all_columns() {
  static const std::vector<ColumnInfo> infos = [] {
    std::vector<ColumnInfo> out;
    for (const auto& c : columns()) out.push_back(c.info);
    return out;
  }();
  return infos;
}

std::span<const std::string_view> column_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const auto& c : columns()) out.push_back(c.info.name);
    return out;
  }();
  return names;
}

std::string column_list() {
  std::string out;
  for (const auto& c : columns()) out += (out.empty() ? "" : ",") + std::string(c.info.name);
  return out;
}

std::vector<std::string> default_columns(bool holders) {
  std::vector<std::string> out = {"TYPE", "NAME", "SIZE", "MODE", "OWNER", "GROUP", "MTIME", "CTIME"};
  if (holders) out.emplace_back("HOLDERS");
  return out;
}

std::vector<std::string> parse_columns(std::string_view list, std::vector<std::string> defaults) {
  std::vector<std::string> out;
  if (list.starts_with('+')) {
    out = std::move(defaults);
    list.remove_prefix(1);
  }
  while (!list.empty()) {
    const auto comma = list.find(',');
    const std::string name = upper(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    if (name.empty()) continue;
    const bool known =
        std::any_of(columns().begin(), columns().end(), [&](const Column& c) { return c.info.name == name; });
    if (!known)
      throw UsageError(fmt::format("--output: unknown column '{}'", name), "columns: " + column_list());
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  if (out.empty()) throw UsageError("--output: no column named", "columns: " + column_list());
  return out;
}

std::string holders_json(const std::vector<holders::Hold>& holds) {
  std::string out = "[";
  for (const auto& hold : holds) {
    if (out.size() > 1) out += ",";
    out += fmt::format(
        "{{\"pid\":{},\"command\":{},\"uid\":{},\"user\":{},\"how\":{},\"way\":\"{}\",\"writable\":{},"
        "\"bytes\":{},\"fd\":{},\"flags\":{},\"deleted\":{}}}",
        hold.pid, json_string(hold.command), hold.uid, json_string(cached_user(hold.uid)),
        json_string(holders::describe(hold)),
        hold.way == holders::Way::mapped       ? "mapped"
        : hold.way == holders::Way::descriptor ? "descriptor"
                                               : "notify",
        hold.writable ? "true" : "false",
        hold.way == holders::Way::mapped ? std::to_string(hold.bytes) : "null",
        hold.way == holders::Way::descriptor ? std::to_string(hold.fd) : "null",
        hold.way == holders::Way::descriptor ? json_string(holders::access_mode(hold.flags)) : "null",
        hold.deleted ? "true" : "false");
  }
  return out + "]";
}

std::string format_table(const Listing& listing, const Format& format) {
  std::vector<const Column*> shown;
  for (const auto& name : format.columns) shown.push_back(&column(name));
  std::vector<std::vector<std::string>> cells;
  cells.reserve(listing.rows.size());
  std::vector<std::size_t> widths(shown.size(), 0);
  if (format.headings)
    for (std::size_t i = 0; i < shown.size(); ++i) widths[i] = display_width(shown[i]->info.name);
  for (const auto& row : listing.rows) {
    auto& line = cells.emplace_back();
    for (std::size_t i = 0; i < shown.size(); ++i) {
      line.push_back(shown_cell(shown[i]->text(row, format)));
      widths[i] = std::max(widths[i], display_width(line.back()));
    }
  }
  std::string out;
  const auto emit = [&](const std::vector<std::string>& line, const Row* row) {
    for (std::size_t i = 0; i < line.size(); ++i) {
      const bool last = i + 1 == line.size();
      if (i > 0) out += ' ';
      // By the columns the terminal shows (a name may hold wide characters and marks).
      if (last && !shown[i]->right)
        out += line[i];
      else
        append_padded(out, line[i], widths[i], shown[i]->right ? Align::right : Align::left);
    }
    // A problem is always said, even when PROBLEM is not a chosen column.
    if (row != nullptr && !row->problem.empty() &&
        std::find(format.columns.begin(), format.columns.end(), "PROBLEM") == format.columns.end())
      out += "  (" + printable(row->problem) + ")";
    out += '\n';
  };
  if (format.headings) {
    std::vector<std::string> header;
    header.reserve(shown.size());
    for (const auto* c : shown) header.emplace_back(c->info.name);
    emit(header, nullptr);
  }
  for (std::size_t i = 0; i < cells.size(); ++i) emit(cells[i], &listing.rows[i]);
  return out;
}

std::string format_json(const Listing& listing, const Format& format, bool all) {
  std::vector<const Column*> shown;
  if (all)
    for (const auto& c : columns()) shown.push_back(&c);
  else
    for (const auto& name : format.columns) shown.push_back(&column(name));
  std::string out = "[";
  bool first = true;
  for (const auto& row : listing.rows) {
    out += first ? "\n  {" : ",\n  {";
    first = false;
    bool first_key = true;
    for (const auto* c : shown) {
      // Without a /proc scan nothing is known of holders: null, not an empty list.
      const bool unknown = c->info.name == "HOLDERS" && !listing.scan;
      out += fmt::format("{}\"{}\":{}", first_key ? "" : ",", lower(c->info.name),
                         unknown ? "null" : c->json(row));
      first_key = false;
    }
    // Every object says whether it was unlinked; `changed` is ctime, the name older scripts read.
    out += fmt::format(",\"deleted\":{}", row.deleted ? "true" : "false");
    if (all) out += fmt::format(",\"changed\":{}", row.ctime ? json_string(iso_time(*row.ctime)) : "null");
    out += "}";
  }
  out += first ? "]\n" : "\n]\n";
  return out;
}

} // namespace ipcdemo::ls
