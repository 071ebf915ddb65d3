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

// Names under /dev/shm may hold any script: columns are counted as a terminal
// shows them (the Unicode database's widths), not in bytes or code points.
TEST(DisplayWidth, CombiningMarksTakeNoColumnWideCharactersTwo) {
  EXPECT_EQ(ipcdemo::char_width(U'a'), 1U);
  EXPECT_EQ(ipcdemo::char_width(U'\u00e9'), 1U);     // é, precomposed
  EXPECT_EQ(ipcdemo::char_width(U'\u0301'), 0U);     // combining acute accent
  EXPECT_EQ(ipcdemo::char_width(U'\u200d'), 0U);     // zero width joiner
  EXPECT_EQ(ipcdemo::char_width(U'\u65e5'), 2U);     // 日
  EXPECT_EQ(ipcdemo::char_width(U'\uff21'), 2U);     // fullwidth A
  EXPECT_EQ(ipcdemo::char_width(U'\U0001F600'), 2U); // grinning face
  EXPECT_EQ(ipcdemo::char_width(U'\u00ad'), 1U);     // soft hyphen, as wcwidth
  EXPECT_EQ(display_width("e\xcc\x81"), 1U);         // e + combining acute
  EXPECT_EQ(display_width("\xe6\x97\xa5\xe6\x9c\xac"), 4U);
  EXPECT_EQ(display_width("x\xf0\x9f\x98\x80y"), 4U);
  EXPECT_EQ(display_width("\xff\xfe"), 2U); // bytes that start no sequence: one column each, as escaped
}

TEST(DisplayWidth, CutNeverSplitsACharacterNorTakesHalfOfAWideOne) {
  const std::string three = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"; // 日本語: 6 columns
  EXPECT_EQ(ipcdemo::cut_to_width(three, 6), three);
  EXPECT_EQ(ipcdemo::cut_to_width(three, 5), three.substr(0, 6));
  EXPECT_EQ(ipcdemo::cut_to_width(three, 1), "");
  EXPECT_EQ(ipcdemo::cut_to_width("ae\xcc\x81z", 2), "ae\xcc\x81"); // the mark stays with its letter
}

TEST(DisplayWidth, PaddingFillsToTheColumnsShown) {
  std::string out;
  ipcdemo::append_padded(out, "\xe6\x97\xa5", 4, ipcdemo::Align::left);
  EXPECT_EQ(out, "\xe6\x97\xa5  ");
  out.clear();
  ipcdemo::append_padded(out, "e\xcc\x81", 3, ipcdemo::Align::right);
  EXPECT_EQ(out, "  e\xcc\x81");
  out.clear();
  ipcdemo::append_padded(out, "wider", 2, ipcdemo::Align::left);
  EXPECT_EQ(out, "wider");
}

TEST(Wrap, AWideCharacterIsNeverSplitAndALineNeverOverflows) {
  // Ten 日 in a width of 5: two per line (4 columns), each line within the width.
  std::string text;
  for (int i = 0; i < 10; ++i) text += "\xe6\x97\xa5";
  const auto lines = wrap(text, 5);
  EXPECT_EQ(lines.size(), 5U);
  EXPECT_LE(widest(lines), 5U);
}
