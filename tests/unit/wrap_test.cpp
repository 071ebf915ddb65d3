// SPDX-License-Identifier: MIT
#include "base/wrap.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using ipcdemo::display_width;
using ipcdemo::reflow;
using ipcdemo::wrap;

namespace {
std::size_t widest(const std::vector<std::string>& lines) {
  std::size_t width = 0;
  for (const auto& line : lines) width = std::max(width, display_width(line));
  return width;
}
} // namespace

TEST(Wrap, ProseBreaksAtSpacesAndKeepsEveryWord) {
  const std::string text = "read() copies the file from the kernel's page cache into a buffer of ours";
  const auto lines = wrap(text, 30);
  EXPECT_EQ(lines, (std::vector<std::string>{"read() copies the file from", "the kernel's page cache into a",
                                             "buffer of ours"}));
}

TEST(Wrap, OutputLinesKeepTheirFrameAndIndent) {
  const auto lines = wrap("a b c d e f g h", 10, "  | ", "  |   ");
  EXPECT_EQ(lines, (std::vector<std::string>{"  | a b c", "  |   d e", "  |   f g", "  |   h"}));
}

TEST(Wrap, AWordWiderThanTheLineIsBrokenNotCut) {
  const auto lines = wrap("/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", 20, "", "  ");
  EXPECT_LE(widest(lines), 20U);
  std::string joined;
  for (const auto& line : lines) joined += line.substr(line.find_first_not_of(' '));
  EXPECT_EQ(joined, "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
}

TEST(Wrap, WidthCountsCharactersNotBytes) {
  EXPECT_EQ(display_width("latency: 146.8 µs"), 17U);
  EXPECT_EQ(wrap("µµµµ µµµµ", 4).size(), 2U);
}

TEST(Wrap, SpacingInsideALineIsKept) {
  EXPECT_EQ(wrap("  0       4     channel    int", 80),
            (std::vector<std::string>{"  0       4     channel    int"}));
}

TEST(Reflow, ProseIsFilledTablesAndExamplesKeepTheirLines) {
  const std::string text =
      "Maps the counter and every interval\n"
      "increments it. How is --sync:\n"
      "  racy    read, add one, write back, no lock at all\n"
      "          so increments are lost.\n"
      "\n"
      "A new paragraph.";
  EXPECT_EQ(reflow(text, 30),
            "Maps the counter and every\n"
            "interval increments it. How is\n"
            "--sync:\n"
            "  racy    read, add one, write\n"
            "          back, no lock at all\n"
            "          so increments are\n"
            "          lost.\n"
            "\n"
            "A new paragraph.\n");
}

TEST(Reflow, NoLineIsWiderThanAskedUnlessOneWordIs) {
  const std::string text =
      "aaa bbb ccc ddd eee fff ggg\n  an indented line that is long\nzzzzzzzzzzzzzzzzzzzz";
  const std::string out = reflow(text, 12);
  std::size_t start = 0;
  while (start < out.size()) {
    const std::size_t end = out.find('\n', start);
    ASSERT_NE(end, std::string::npos) << "every line ends with a newline";
    EXPECT_LE(end - start, 12U) << out.substr(start, end - start);
    start = end + 1;
  }
}
