#include "tour/views.hpp"

#include <fmt/format.h>

#include <set>

namespace ipcdemo::tour {

namespace {

bool is_hex(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// The next word of `text` (at a space), removed from it.
std::string_view next_word(std::string_view& text) {
  const auto start = text.find_first_not_of(' ');
  if (start == std::string_view::npos) {
    text = {};
    return {};
  }
  text.remove_prefix(start);
  const auto end = text.find(' ');
  const std::string_view word = text.substr(0, end);
  text.remove_prefix(end == std::string_view::npos ? text.size() : end);
  return word;
}

bool is_maps_row(std::string_view line) {
  std::string_view rest = line;
  const std::string_view range = next_word(rest);
  const auto dash = range.find('-');
  return dash != std::string_view::npos && is_hex(range.substr(0, dash)) && is_hex(range.substr(dash + 1));
}

bool is_maps_header(std::string_view line) {
  return line.starts_with("ADDRESS") && line.find("PERM") != std::string_view::npos &&
         line.find("PATH") != std::string_view::npos;
}

bool starts_with_word(std::string_view line, std::string_view word) {
  const auto start = line.find_first_not_of(' ');
  return start != std::string_view::npos && line.substr(start).starts_with(word);
}

} // namespace

std::string narrow_maps_row(std::string_view line) {
  if (is_maps_header(line)) return fmt::format("{:<12}  {:>5} {} {}", "START", "SIZE", "PERM", "PATH");
  if (!is_maps_row(line)) return std::string(line);
  std::string_view rest = line;
  std::string_view start = next_word(rest);
  start = start.substr(0, start.find('-'));
  while (start.size() > 12 && start.front() == '0') start.remove_prefix(1);
  const std::string_view size = next_word(rest);
  const std::string_view perm = next_word(rest);
  next_word(rest); // the offset
  next_word(rest); // the kind
  const auto path = rest.find_first_not_of(' ');
  rest = path == std::string_view::npos ? std::string_view{} : rest.substr(path);
  std::string row = fmt::format("{:>12}  {:>5} {} {}", start, size, perm, rest);
  while (!row.empty() && row.back() == ' ') row.pop_back();
  return row;
}

std::vector<Shown> anon_maps_view(const std::vector<std::string>& lines) {
  std::vector<Shown> shown;
  for (const auto& line : lines) {
    const bool row = is_maps_row(line) &&
                     (line.find("<--") != std::string::npos || line.find("[heap]") != std::string::npos ||
                      line.find("[stack]") != std::string::npos);
    if (row || is_maps_header(line) || line.find(" mappings: ") != std::string::npos ||
        line.starts_with("PERM:") || starts_with_word(line, "p private:") ||
        starts_with_word(line, "s shared:"))
      shown.push_back({narrow_maps_row(line), {}});
  }
  return shown;
}

std::vector<Shown> exec_maps_view(const std::vector<std::string>& lines) {
  std::vector<Shown> shown;
  std::set<std::string> at_exec; // the rows of the first view
  int part = 0;                  // 1 or 2: the view being read
  bool in_heading = false;
  std::size_t left_out = 0;
  for (const auto& line : lines) {
    // A heading is a paragraph the command wrapped at its own width: joined here
    // into one line, which the screen wraps at the terminal's.
    if (line.starts_with("1. ") || line.starts_with("2. ")) {
      part = line[0] - '0';
      in_heading = true;
      shown.push_back({line, part == 2 ? "see it as it exits" : ""});
      continue;
    }
    if (in_heading && line.starts_with("   ") && !is_maps_header(line)) {
      shown.back().text += " " + line.substr(line.find_first_not_of(' '));
      continue;
    }
    in_heading = false;
    if (is_maps_header(line)) {
      shown.push_back({narrow_maps_row(line), {}});
    } else if (is_maps_row(line)) {
      if (part == 1) {
        at_exec.insert(line);
        shown.push_back({narrow_maps_row(line), {}});
      } else if (at_exec.contains(line)) {
        ++left_out;
      } else {
        shown.push_back({narrow_maps_row(line), {}});
      }
    } else if (line.find(" mappings: ") != std::string::npos) {
      // The first view's rows are all shown, so its count is left out (a screen has
      // no line to spare); the second's says how many rows there are in all.
      if (part == 2) {
        if (left_out > 0)
          shown.push_back({fmt::format("(and {} rows as in 1., left out here)", left_out), {}});
        shown.push_back({line, {}});
      }
    } else if (line.starts_with("Mapped since execve:") || line.starts_with("(It ended")) {
      shown.push_back({line, {}});
    }
  }
  return shown;
}

std::vector<Shown> layout_view(const std::vector<std::string>& lines) {
  std::vector<Shown> shown;
  bool showing = true; // from the first line to the screenplay's sizeof line
  for (const auto& line : lines) {
    if (line.starts_with("ipcdemo's sample")) {
      showing = true;
      shown.push_back({line, "see ipcdemo's sample"});
      continue;
    }
    if (!showing) continue;
    shown.push_back({line, {}});
    if (starts_with_word(line, "sizeof ")) showing = false;
  }
  return shown;
}

} // namespace ipcdemo::tour
