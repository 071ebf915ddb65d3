// SPDX-License-Identifier: MIT
#include "mmap/proc_maps.hpp"

#include "base/size_text.hpp"

#include <gtest/gtest.h>

using namespace ipcdemo::maps;

TEST(ProcMaps, ParsesAFileBackedLine) {
  const auto region = parse_line("7f3c2a5e6000-7f3c2a5e7000 r--p 00001000 08:01 1234   /etc/passwd");
  ASSERT_TRUE(region);
  EXPECT_EQ(region->start, 0x7f3c2a5e6000U);
  EXPECT_EQ(region->end, 0x7f3c2a5e7000U);
  EXPECT_EQ(region->size(), 4096U);
  EXPECT_EQ(region->perms, "r--p");
  EXPECT_EQ(region->offset, 0x1000U);
  EXPECT_EQ(region->inode, 1234U);
  EXPECT_EQ(region->path, "/etc/passwd");
  EXPECT_EQ(classify(*region), Kind::file);
}

TEST(ProcMaps, KeepsSpacesInPaths) {
  const auto region = parse_line("1000-2000 r--s 00000000 00:1a 99 /dev/shm/my seg (deleted)");
  ASSERT_TRUE(region);
  EXPECT_EQ(region->path, "/dev/shm/my seg (deleted)");
  EXPECT_EQ(classify(*region), Kind::shm);
}

TEST(ProcMaps, ClassifiesSpecialRegions) {
  const auto kind_of = [](const char* line) { return classify(*parse_line(line)); };
  EXPECT_EQ(kind_of("1000-2000 rw-p 00000000 00:00 0"), Kind::anonymous);
  EXPECT_EQ(kind_of("1000-2000 rw-p 00000000 00:00 0 [heap]"), Kind::heap);
  EXPECT_EQ(kind_of("1000-2000 rw-p 00000000 00:00 0 [stack]"), Kind::stack);
  EXPECT_EQ(kind_of("1000-2000 r-xp 00000000 00:00 0 [vdso]"), Kind::vdso);
  EXPECT_EQ(kind_of("1000-2000 r--p 00000000 00:00 0 [vvar]"), Kind::vvar);
  EXPECT_EQ(kind_of("1000-2000 --xp 00000000 00:00 0 [vsyscall]"), Kind::vsyscall);
  EXPECT_TRUE(is_file_backed(Kind::file));
  EXPECT_FALSE(is_file_backed(Kind::heap));
}

TEST(ProcMaps, RejectsMalformedLines) {
  EXPECT_FALSE(parse_line(""));
  EXPECT_FALSE(parse_line("zzzz-2000 r--p 0 00:00 0"));
  EXPECT_FALSE(parse_line("2000-1000 r--p 0 00:00 0"));
  EXPECT_FALSE(parse_line("1000-2000 r--p"));
  for (const char* perms : {"\x84w-s", "rw-", "rw-pp", "xr-p", "rw-q"}) // found by fuzz/proc_maps.cpp
    EXPECT_FALSE(parse_line(std::string("1000-2000 ") + perms + " 0 00:00 0")) << perms;
  EXPECT_EQ(parse("1000-2000 r--p 0 00:00 0\ngarbage\n3000-4000 rw-p 0 00:00 0\n").size(), 2U);
}

TEST(ProcMaps, WritesHumanSizes) {
  EXPECT_EQ(human_size(512), "512B");
  EXPECT_EQ(human_size(4096), "4K");
  EXPECT_EQ(human_size(1536 * 1024), "1.5M");
  EXPECT_EQ(human_size(1U << 30), "1G");
}

TEST(SizeText, CountsAreSingularForOneOnly) {
  EXPECT_EQ(ipcdemo::counted(1, "byte"), "1 byte");
  EXPECT_EQ(ipcdemo::counted(0, "byte"), "0 bytes");
  EXPECT_EQ(ipcdemo::counted(24, "byte"), "24 bytes");
  EXPECT_EQ(ipcdemo::counted(1, "text message"), "1 text message");
}

TEST(ProcMaps, MarksTheRegionsThisCommandMapped) {
  const auto regions =
      parse("1000-3000 r--p 00000000 08:01 7 /etc/passwd\n4000-5000 rw-p 00000000 00:00 0\n");
  const std::string table = format_table(regions, {{0x2000, "--file /etc/passwd"}});
  EXPECT_NE(table.find("/etc/passwd  <-- --file /etc/passwd"), std::string::npos) << table;
  EXPECT_EQ(table.find("<--", table.find("<--") + 1), std::string::npos) << "only one row is marked";
  EXPECT_NE(table.find("2 mappings: 1 file-backed (8K), 1 anonymous (4K"), std::string::npos) << table;
}

TEST(ProcMaps, ShowsAPathsControlCharactersEscaped) {
  // The kernel escapes only the newline in a path (as \012); the rest is the file's name.
  const auto regions = parse("1000-2000 rw-s 00000000 00:1a 7 /dev/shm/x\x1b[2J\xe2\x80\xae\r\n");
  const std::string table = format_table(regions, {});
  EXPECT_NE(table.find("/dev/shm/x\\e[2J\\u202e\\r\n"), std::string::npos) << table;
}
