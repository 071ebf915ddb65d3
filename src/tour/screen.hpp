// The tour's screen: everything the tour prints goes through it, so that every
// line fits the terminal's width (prose and output wrapped, commands continued
// with a backslash), and, with --pause, no more than a screenful comes between
// two stops: a lecturer projecting the tour sees all of a step before going on.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/wrap.hpp"

namespace ipcdemo::tour {

struct ScreenSize {
  std::size_t columns = 80;
  std::size_t rows = 24;
};

// sys::output_size(), in the tour's units.
ScreenSize detect_screen_size();

// Shell words as lines of at most `width` columns: "$ " first, then continued with
// " \" and an indent, so that every line can be copied into a shell as it is.
std::vector<std::string> wrap_command(const std::vector<std::string>& words, std::size_t width);

class Screen {
 public:
  // With `pause`, stop() waits for Enter, and a screen that fills up stops by itself.
  Screen(ScreenSize size, bool pause);

  std::size_t columns() const { return size_.columns; }
  bool pausing() const { return pause_; }

  // An empty line, unless nothing was printed since the tour began or paused.
  void blank();
  // Paragraphs (separated by an empty line; single newlines are spaces), wrapped.
  void prose(std::string_view text);
  void command(const std::vector<std::string>& words);
  // One line of a command's output: "  | LINE", or "  LABEL | LINE" for a command
  // running in the background; wrapped with the line's own indent and two more.
  void output(std::string_view line, std::string_view label = {});
  // The tour's own remark, "  (TEXT)", wrapped.
  void note(std::string_view text);
  // Any other line of the tour's own (a heading, a table row), wrapped.
  void line(std::string_view text);

  // How many more lines fit before the screen is full (the stop's line kept free).
  std::size_t room() const;
  // How many lines output(line) takes.
  std::size_t lines_for_output(std::string_view line, std::string_view label = {}) const;

  // With pausing: "[Enter to CUE]", and waits; a new screen begins. Without, nothing.
  // Ctrl-C ends the tour; the end of input turns pausing off (the tour runs on).
  void stop(std::string_view cue);

 private:
  void emit(const std::string& text);
  std::vector<std::string> output_lines(std::string_view line, std::string_view label) const;

  ScreenSize size_;
  bool pause_ = false;
  std::size_t used_ = 0; // lines since the last stop
  bool at_top_ = true;   // nothing printed since the screen began (after a pause)
};

} // namespace ipcdemo::tour
