// SPDX-License-Identifier: MIT
#include "base/wrap.hpp"

#include <gtest/gtest.h>

using ipcdemo::wrap;

TEST(Wrap, FillsWordsIntoLinesOfTheWidthWithTheIndents) {
  EXPECT_EQ(wrap("one two three four", 10, 0, 2), "one two\n  three\n  four\n");
  EXPECT_EQ(wrap("one two", 80, 4, 6), "    one two\n");
}

TEST(Wrap, NeverCutsAWordLongerThanTheLine) {
  EXPECT_EQ(wrap("a /proc/sys/fs/mqueue/msgsize_max b", 10, 0, 0), "a\n/proc/sys/fs/mqueue/msgsize_max\nb\n");
}

TEST(Wrap, EveryLineFitsWhenTheWordsDo) {
  const std::string text = "the largest maxmsg of a queue, a ceiling per queue and not a fill level at all";
  const std::string out = wrap(text, 20, 3, 5);
  std::size_t start = 0;
  for (std::size_t end = out.find('\n'); end != std::string::npos; end = out.find('\n', start)) {
    EXPECT_LE(end - start, 20U) << out;
    start = end + 1;
  }
}
