// SPDX-License-Identifier: MIT
// The columns of `ipcdemo ls`, after lsipc/lsfd: chosen with --output, shown as an
// aligned table (human sizes unless --bytes) or as JSON with every value typed
// (numbers as numbers, null where a kind has no such value).
#pragma once

#include "ipc/listing.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ipcdemo::ls {

struct ColumnInfo {
  std::string_view name; // "SIZE"; the JSON key is its lower-case form
  std::string_view help;
};
const std::vector<ColumnInfo>& all_columns();
// The names alone, in the table's order: what --output accepts and completion offers.
std::span<const std::string_view> column_names();
// "TYPE,NAME,..." for the help text.
std::string column_list();

std::vector<std::string> default_columns(bool holders);
// "NAME,SIZE" replaces the defaults, "+HOLDERS" adds to them; case does not
// matter. Throws UsageError naming an unknown column.
std::vector<std::string> parse_columns(std::string_view list, std::vector<std::string> defaults);

struct Format {
  std::vector<std::string> columns;
  bool headings = true;
  bool bytes = false; // exact sizes instead of 4K, 1.5M
};

std::string format_table(const Listing& listing, const Format& format);
// One JSON array of objects; each has the keys of `columns` (every column when
// `all` is set, which `ls --json` without --output does).
std::string format_json(const Listing& listing, const Format& format, bool all);
// The holders of one row as a JSON array (who, watch and ls share it).
std::string holders_json(const std::vector<holders::Hold>& holds);

} // namespace ipcdemo::ls
