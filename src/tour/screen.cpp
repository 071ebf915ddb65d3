#include "tour/screen.hpp"

#include "base/signals.hpp"
#include "base/utf8.hpp"
#include "sys/terminal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>

namespace ipcdemo::tour {

namespace {

// Prose is wrapped at the terminal's width, but no wider than this: long lines are
// hard to read, on a projector most of all.
constexpr std::size_t prose_columns = 100;

// Waits for a line on standard input. False at its end (or when it is closed).
bool read_enter() {
  std::array<char, 256> line{};
  // stdio, not std::cin: <iostream>'s static initialiser costs every run of every
  // command a dozen page faults (bench/startup.sh).
  if (std::fgets(line.data(), static_cast<int>(line.size()), stdin) != nullptr) return true;
  signals::throw_if_interrupted();
  return false;
}

} // namespace

ScreenSize detect_screen_size() {
  const auto size = sys::output_size();
  return {.columns = static_cast<std::size_t>(size.columns), .rows = static_cast<std::size_t>(size.rows)};
}

std::vector<std::string> wrap_command(const std::vector<std::string>& words, std::size_t width) {
  constexpr std::string_view continued = " \\";
  const std::string indent = "    ";
  std::vector<std::string> lines;
  std::string line = "$";
  bool line_has_word = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string candidate = line_has_word || line == "$" ? line + " " + words[i] : line + words[i];
    // A line that is continued needs room for the mark after its last word.
    const std::size_t limit = i + 1 < words.size() ? width - continued.size() : width;
    if (line_has_word && display_width(candidate) > limit) {
      lines.push_back(line + std::string(continued));
      line = indent + words[i];
    } else {
      line = candidate;
    }
    line_has_word = true;
  }
  lines.push_back(line);
  // A single word wider than a line is broken inside it rather than cut off.
  std::vector<std::string> fitted;
  for (const auto& each : lines)
    for (auto& piece : wrap(each, width, "", indent)) fitted.push_back(std::move(piece));
  return fitted;
}

Screen::Screen(ScreenSize size, bool pause) : size_(size), pause_(pause) {
  if (size_.columns < 20) size_.columns = 20;
  if (size_.rows < 8) size_.rows = 8;
}

void Screen::emit(const std::string& text) {
  // A full screen stops by itself: the stop's own line is the screen's last.
  if (pause_ && used_ + 1 >= size_.rows) stop("see more");
  fmt::print("{}\n", text);
  ++used_;
  at_top_ = false;
}

void Screen::blank() {
  if (!at_top_) emit("");
}

void Screen::prose(std::string_view text) {
  blank();
  std::string paragraph;
  const auto flush = [&] {
    if (paragraph.empty()) return;
    for (const auto& each : wrap(paragraph, std::min(size_.columns, prose_columns))) emit(each);
    paragraph.clear();
  };
  while (!text.empty()) {
    const auto newline = text.find('\n');
    const std::string_view part = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    if (part.empty()) {
      flush();
      emit("");
      continue;
    }
    if (!paragraph.empty()) paragraph += ' ';
    paragraph += part;
  }
  flush();
  std::fflush(stdout);
}

void Screen::command(const std::vector<std::string>& words) {
  for (const auto& each : wrap_command(words, size_.columns)) emit(each);
  std::fflush(stdout);
}

std::vector<std::string> Screen::output_lines(std::string_view line, std::string_view label) const {
  const std::string frame = label.empty() ? std::string("  | ") : fmt::format("  {:>8} | ", label);
  const std::size_t indent = std::min(line.find_first_not_of(' '), line.size());
  const std::string rest = frame + std::string(indent + 2, ' ');
  return wrap(line, size_.columns, frame, rest);
}

std::size_t Screen::lines_for_output(std::string_view line, std::string_view label) const {
  return output_lines(line, label).size();
}

void Screen::output(std::string_view line, std::string_view label) {
  for (const auto& each : output_lines(line, label)) emit(each);
}

void Screen::note(std::string_view text) {
  for (const auto& each : wrap(fmt::format("({})", text), size_.columns, "  ", "   ")) emit(each);
}

void Screen::line(std::string_view text) {
  const std::size_t indent = std::min(text.find_first_not_of(' '), text.size());
  for (const auto& each : wrap(text, size_.columns, "", std::string(indent + 2, ' '))) emit(each);
}

std::size_t Screen::room() const { return used_ + 1 >= size_.rows ? 0 : size_.rows - 1 - used_; }

void Screen::stop(std::string_view cue) {
  // Counted from here in either case: what fits on a screen is the same with and
  // without --pause, so that the tour shows the same lines both ways.
  used_ = 0;
  if (!pause_) return;
  fmt::print("[Enter to {}] ", cue);
  std::fflush(stdout);
  if (!read_enter()) {
    // Input ended: nobody is there to press Enter, so the tour runs on unattended.
    fmt::print("\n");
    pause_ = false;
  }
  at_top_ = true;
}

} // namespace ipcdemo::tour
