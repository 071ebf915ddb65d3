// SPDX-License-Identifier: MIT
#include "ipc/holders.hpp"
#include "base/error.hpp"
#include "base/utf8.hpp"
#include "base/wrap.hpp"
#include "ipc/pattern.hpp"
#include "ls/columns.hpp"
#include "sys/semaphore_file.hpp"

#include <fcntl.h>
#include <sys/sysmacros.h>

#include <gtest/gtest.h>

using namespace ipcdemo;
using namespace ipcdemo::holders;

TEST(Holders, MergesTheRegionsOfOneFileByDeviceAndInodeAndKeepsDeletedApart) {
  const auto files = file_mappings(
      "7f0000000000-7f0000001000 r--s 00000000 00:1a 11   /dev/shm/demo\n"
      "7f0000001000-7f0000003000 rw-s 00001000 00:1a 11   /mnt/bound/demo\n" // the same file, bind-mounted
      "7f0000004000-7f0000005000 rw-s 00000000 00:1a 12   /dev/shm/sem.lock\n"
      "7f0000006000-7f0000007000 r--s 00000000 00:1a 13   /dev/shm/gone (deleted)\n"
      "7f0000008000-7f0000009000 r-xp 00000000 08:01 14   /usr/lib/libc.so.6\n"
      "7f000000a000-7f000000b000 rw-p 00000000 00:00 0 \n");
  ASSERT_EQ(files.size(), 4U);
  EXPECT_EQ(files[0].dev, makedev(0, 0x1a));
  EXPECT_EQ(files[0].inode, 11U);
  EXPECT_EQ(files[0].path, "/dev/shm/demo");
  EXPECT_EQ(files[0].bytes, 0x3000U) << "both regions, whatever path each shows";
  EXPECT_TRUE(files[0].writable);
  EXPECT_EQ(files[1].inode, 12U);
  EXPECT_EQ(files[2].path, "/dev/shm/gone");
  EXPECT_TRUE(files[2].deleted);
  EXPECT_FALSE(files[2].writable);
  EXPECT_EQ(files[3].dev, makedev(8, 1));
}

TEST(Holders, NamesTheObjectOfAPath) {
  auto ref = object_of_shm_path("/dev/shm/sem.lock (deleted)");
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->kind, ObjectKind::sem);
  EXPECT_EQ(ref->name, "/lock");
  EXPECT_TRUE(ref->deleted);
  ref = object_of_shm_path("/dev/shm/sem.");
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->kind, ObjectKind::shm); // "sem." alone is no semaphore glibc could make
  EXPECT_FALSE(object_of_shm_path("/dev/shm/dir/file"));
  EXPECT_FALSE(object_of_shm_path("/tmp/x"));
  EXPECT_EQ(object_of_queue_link("/q (deleted)")->name, "/q");
  EXPECT_FALSE(object_of_queue_link("/usr/bin"));
  EXPECT_FALSE(object_of_queue_link("/"));
}

TEST(Holders, ReadsFdinfoFlagsInOctal) {
  EXPECT_EQ(fdinfo_flags("pos:\t0\nflags:\t02004002\nmnt_id:\t15\n"), 02004002);
  EXPECT_FALSE(fdinfo_flags("pos:\t0\n"));
  EXPECT_EQ(access_mode(O_RDWR | O_NONBLOCK), "O_RDWR|O_NONBLOCK");
  EXPECT_EQ(access_mode(O_RDONLY), "O_RDONLY");
}

TEST(Holders, DescribesEachWay) {
  EXPECT_EQ(describe({.way = Way::mapped, .writable = true, .bytes = 8192}), "mapped rw 8K");
  EXPECT_EQ(describe({.way = Way::descriptor, .fd = 3, .flags = O_WRONLY}), "fd 3 O_WRONLY");
  EXPECT_EQ(describe({.way = Way::notify}), "mq_notify");
}

TEST(SemaphoreWord, ValueLowWaitersHigh) {
  const auto word = sys::decode_semaphore_word((std::uint64_t{2} << 32) | 5);
  EXPECT_EQ(word.value, 5U);
  EXPECT_EQ(word.waiters, 2U);
}

TEST(Pattern, MatchesWithOrWithoutTheSlash) {
  EXPECT_TRUE(name_matches("demo*", "/demo-1"));
  EXPECT_TRUE(name_matches("/demo-?", "/demo-1"));
  EXPECT_FALSE(name_matches("demo", "/demo-1"));
  EXPECT_TRUE(name_matches("[ab]x", "/bx"));
  EXPECT_TRUE(any_matches({}, "/anything"));
  EXPECT_FALSE(any_matches({"a*", "b*"}, "/c"));
}

TEST(Columns, ReplaceOrAddAndRejectUnknown) {
  EXPECT_EQ(ls::parse_columns("name,size", {"TYPE"}), (std::vector<std::string>{"NAME", "SIZE"}));
  EXPECT_EQ(ls::parse_columns("+holders", {"TYPE"}), (std::vector<std::string>{"TYPE", "HOLDERS"}));
  EXPECT_THROW(ls::parse_columns("NAME,COLOUR", {}), UsageError);
  EXPECT_THROW(ls::parse_columns(",", {}), UsageError);
}

#include "shm/dump.hpp"

TEST(HexDump, SameLinesWhateverThePiecesFedAndFoldsRuns) {
  std::vector<unsigned char> bytes(64, 0);
  bytes[1] = 'A';
  bytes.push_back('z');
  shm::HexDump whole(0);
  std::string expected = whole.feed(bytes);
  expected += whole.finish();
  shm::HexDump pieces(0);
  std::string got;
  for (std::size_t i = 0; i < bytes.size(); i += 7)
    got += pieces.feed(std::span(bytes).subspan(i, std::min<std::size_t>(7, bytes.size() - i)));
  got += pieces.finish();
  EXPECT_EQ(got, expected);
  EXPECT_EQ(expected,
            "00000000  00 41 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |.A..............|\n"
            "00000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
            "*\n"
            "00000040  7a                                                |z|\n"
            "00000041\n");
}

TEST(HexDump, ZerosOfAHoleGiveTheLinesTheirBytesWould) {
  // Before the zeros: nothing, a partial line, a full line of data, a run of zeros.
  for (std::size_t before = 0; before <= 40; before += 3) {
    for (const std::uint64_t zeros : {0, 1, 5, 15, 16, 17, 31, 32, 33, 100, 4096, 70000}) {
      std::vector<unsigned char> prefix(before, 0);
      for (std::size_t i = 0; i < before; i += 2) prefix[i] = static_cast<unsigned char>('a' + i % 26);
      const std::vector<unsigned char> suffix{'x', 'y', 0, 'z'};
      shm::HexDump bytes(0);
      std::string expected = bytes.feed(prefix);
      expected += bytes.feed(std::vector<unsigned char>(zeros, 0));
      expected += bytes.feed(suffix);
      expected += bytes.finish();
      shm::HexDump hole(0);
      std::string got = hole.feed(prefix);
      got += hole.feed_zeros(zeros);
      got += hole.feed(suffix);
      got += hole.finish();
      ASSERT_EQ(got, expected) << before << " bytes, then " << zeros << " zeros";
    }
  }
  // A terabyte of hole takes no longer than a page of it.
  shm::HexDump terabyte(0);
  std::string lines = terabyte.feed_zeros(std::uint64_t{1} << 40);
  lines += terabyte.finish();
  EXPECT_EQ(lines,
            "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n"
            "*\n"
            "10000000000\n");
}

#include "watch/frame.hpp"

TEST(WatchFrame, MarksChangedCellsKeepsToTheWindowAndSaysWhatDidNotFit) {
  watch::Frame first;
  first.objects.push_back({.kind = ObjectKind::shm, .name = "/a", .counter = 1});
  first.objects.push_back({.kind = ObjectKind::sem, .name = "/b", .value = 3});
  const auto before = watch::remember(first);
  watch::Frame second = first;
  second.objects[0].counter = 2;
  const std::string screen = watch::render(second, before, 40, 24, "title");
  EXPECT_NE(screen.find("\x1b[7mcounter 2"), std::string::npos);
  EXPECT_EQ(screen.find("\x1b[7mvalue 3"), std::string::npos); // unchanged: not marked
  EXPECT_EQ(watch::render(first, {}, 40, 24, "t").find("\x1b[7m"), std::string::npos); // first frame: nothing
  // Five rows for the table: the header, one object, and a line saying what is left out.
  for (int i = 0; i < 10; ++i)
    second.objects.push_back({.kind = ObjectKind::shm, .name = "/x" + std::to_string(i)});
  const std::string small = watch::render(second, {}, 40, 6, "t");
  EXPECT_NE(small.find("... and 10 more"), std::string::npos);
  // No line is longer than the window (escape codes aside).
  std::size_t longest = 0;
  std::string line;
  for (std::size_t i = 0; i < small.size(); ++i) {
    if (small[i] == '\x1b') {
      while (i < small.size() && !std::isalpha(static_cast<unsigned char>(small[i]))) ++i;
      continue;
    }
    if (small[i] == '\r' || small[i] == '\n') {
      longest = std::max(longest, line.size());
      line.clear();
    } else {
      line += small[i];
    }
  }
  EXPECT_LE(longest, 40U);
}

// The lines of a frame as shown: escape codes dropped, split at the line ends.
std::vector<std::string> shown_lines(const std::string& screen) {
  std::vector<std::string> lines(1);
  for (std::size_t i = 0; i < screen.size(); ++i) {
    if (screen[i] == '\x1b') {
      while (i < screen.size() && !std::isalpha(static_cast<unsigned char>(screen[i]))) ++i;
    } else if (screen[i] == '\n') {
      lines.emplace_back();
    } else if (screen[i] != '\r') {
      lines.back() += screen[i];
    }
  }
  return lines;
}

TEST(WatchFrame, WideNamesAreCutAndPaddedByTheColumnsShownNeverInsideACharacter) {
  watch::Frame frame;
  std::string wide = "/";
  for (int i = 0; i < 30; ++i) wide += "\xe6\x97\xa5"; // 日: 61 columns in all
  frame.objects.push_back({.kind = ObjectKind::shm, .name = wide, .counter = 1});
  frame.objects.push_back({.kind = ObjectKind::shm, .name = "/plain", .counter = 2});
  for (const int columns : {80, 33}) {
    const auto lines = shown_lines(watch::render(frame, {}, columns, 24, "t"));
    std::size_t value_at = std::string::npos;
    for (const auto& line : lines) {
      EXPECT_LE(display_width(line), static_cast<std::size_t>(columns)) << line;
      for (std::size_t at = 0; at < line.size();) { // whole characters only: nothing cut inside one
        const auto sequence = utf8::decode(line, at);
        ASSERT_NE(sequence.length, 0U) << "a character cut at byte " << at << " of " << line;
        at += sequence.length;
      }
      const auto counter = line.find("counter");
      if (counter == std::string::npos) continue;
      // The VALUE column starts at the same place on the screen in every row.
      const std::size_t at = display_width(std::string_view(line).substr(0, counter));
      if (value_at == std::string::npos) value_at = at;
      EXPECT_EQ(at, value_at) << line;
    }
  }
}
