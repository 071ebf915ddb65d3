#include "tour/screen.hpp"
#include "tour/views.hpp"

#include <gtest/gtest.h>

using namespace ipcdemo::tour;
using ipcdemo::display_width;

namespace {
std::size_t widest(const std::vector<std::string>& lines) {
  std::size_t width = 0;
  for (const auto& line : lines) width = std::max(width, display_width(line));
  return width;
}
} // namespace

TEST(TourCommand, LongCommandsAreContinuedWithABackslash) {
  const std::vector<std::string> words = {
      "for",     "i",   "in",         "1",      "2",       "3",
      "4;",      "do",  "ipcdemo",    "shm",    "produce", "/ipcdemo-tour-12345-0123abcd-racy",
      "-i",      "0",   "-c",         "100000", "--sync",  "racy",
      "--widen", "1us", ">/dev/null", "&",      "done;",   "wait"};
  const auto lines = wrap_command(words, 80);
  ASSERT_GE(lines.size(), 2U);
  EXPECT_LE(widest(lines), 80U);
  EXPECT_TRUE(lines.front().starts_with("$ for i in 1 2 3 4; do ipcdemo"));
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) EXPECT_TRUE(lines[i].ends_with(" \\")) << lines[i];
  // Joined again as a shell joins continued lines, it is the same command.
  std::string joined;
  for (auto line : lines) {
    if (line.ends_with(" \\")) line.resize(line.size() - 2);
    joined += (joined.empty() ? "" : " ") + line.substr(line.find_first_not_of(' '));
  }
  std::string expected = "$";
  for (const auto& word : words) expected += " " + word;
  EXPECT_EQ(joined, expected);
}

TEST(TourCommand, AShortCommandIsOneLine) {
  EXPECT_EQ(wrap_command({"ipcdemo", "mq", "layout"}, 80), (std::vector<std::string>{"$ ipcdemo mq layout"}));
}

TEST(TourViews, MapsRowsAreNarrowedKeepingStartSizePermissionsAndPath) {
  EXPECT_EQ(narrow_maps_row("0000555e4c180000-0000555e4c182000     8K r--p  00000000 file     /usr/bin/true  "
                            "<-- the program"),
            "555e4c180000     8K r--p /usr/bin/true  <-- the program");
  EXPECT_EQ(narrow_maps_row("00007f733a169000-00007f733a16c000    12K rw-p  00000000 anon     "),
            "7f733a169000    12K rw-p");
  EXPECT_EQ(narrow_maps_row("ADDRESS                             SIZE PERM    OFFSET KIND     PATH"),
            "START          SIZE PERM PATH");
  EXPECT_EQ(narrow_maps_row("Mapped since execve: /usr/lib/x86_64-linux-gnu/libc.so.6"),
            "Mapped since execve: /usr/lib/x86_64-linux-gnu/libc.so.6");
}

TEST(TourViews, TheSecondSnapshotShowsWhatTheLoaderMapped) {
  const std::vector<std::string> output = {
      "1. Right after execve, stopped before its first instruction (PTRACE_TRACEME): the kernel",
      "   has mapped the program, its loader, the stack, vdso and vvar, and nothing else.",
      "ADDRESS                             SIZE PERM    OFFSET KIND     PATH",
      "0000555e4c180000-0000555e4c182000     8K r--p  00000000 file     /usr/bin/true  <-- the program",
      "00007ffdd6e53000-00007ffdd6e74000   132K rw-p  00000000 stack    [stack]",
      "2 mappings: 1 file-backed (8K), 1 anonymous (132K, counting heap, stack, vdso and vvar)",
      "",
      "2. As it exits (PTRACE_O_TRACEEXIT), after running: the loader has mapped the",
      "   shared libraries (libc.so.6 ...).",
      "ADDRESS                             SIZE PERM    OFFSET KIND     PATH",
      "0000555e4c180000-0000555e4c182000     8K r--p  00000000 file     /usr/bin/true  <-- the program",
      "00007f733a16c000-00007f733a192000   152K r--p  00000000 file     /usr/lib/x86_64-linux-gnu/libc.so.6",
      "00007ffdd6e53000-00007ffdd6e74000   132K rw-p  00000000 stack    [stack]",
      "3 mappings: 2 file-backed (160K), 1 anonymous (132K, counting heap, stack, vdso and vvar)",
      "",
      "Mapped since execve: /usr/lib/x86_64-linux-gnu/libc.so.6",
      "",
      "PERM: r read, w write, x execute (- where not allowed), then",
  };
  std::vector<std::string> texts;
  std::vector<std::string> stops;
  for (const auto& shown : exec_maps_view(output)) {
    texts.push_back(shown.text);
    if (!shown.stop_before.empty()) stops.push_back(shown.text);
  }
  EXPECT_EQ(texts,
            (std::vector<std::string>{
                "1. Right after execve, stopped before its first instruction (PTRACE_TRACEME): the "
                "kernel has mapped the program, its loader, the stack, vdso and vvar, and nothing else.",
                "START          SIZE PERM PATH",
                "555e4c180000     8K r--p /usr/bin/true  <-- the program",
                "7ffdd6e53000   132K rw-p [stack]",
                "2. As it exits (PTRACE_O_TRACEEXIT), after running: the loader has mapped the shared "
                "libraries (libc.so.6 ...).",
                "START          SIZE PERM PATH",
                "7f733a16c000   152K r--p /usr/lib/x86_64-linux-gnu/libc.so.6",
                "(and 2 rows as in 1., left out here)",
                "3 mappings: 2 file-backed (160K), 1 anonymous (132K, counting heap, stack, vdso and vvar)",
                "Mapped since execve: /usr/lib/x86_64-linux-gnu/libc.so.6",
            }));
  ASSERT_EQ(stops.size(), 1U);
  EXPECT_TRUE(stops[0].starts_with("2. As it exits"));
}

TEST(TourViews, TheLayoutKeepsItsHeadersAndStopsBeforeTheSample) {
  const std::vector<std::string> output = {
      "The screenplay's struct msg (msg.h is not shown: its fields as its programs use them):",
      "  struct msg { int channel; time_t timestamp; double value; };",
      "",
      "  offset  size  field      type",
      "  0       4     channel    int",
      "  sizeof 24, alignof 8: 20 bytes of fields + 4 of padding",
      "",
      "Why sizeof is 24, not 20: ...",
      "ipcdemo's sample (what mq send and mq recv exchange; see ipcdemo-mq(1)):",
      "  offset  size  field      type",
      "  sizeof 24, alignof 8: 24 bytes of fields, no padding",
      "",
      "Why a message must be flat (no pointers): ...",
  };
  const auto shown = layout_view(output);
  ASSERT_EQ(shown.size(), 9U);
  EXPECT_EQ(shown[0].text, output[0]);
  EXPECT_EQ(shown[3].text, "  offset  size  field      type");
  EXPECT_EQ(shown[6].text, output[8]);
  EXPECT_EQ(shown[6].stop_before, "see ipcdemo's sample");
  EXPECT_EQ(shown[7].text, "  offset  size  field      type");
}
