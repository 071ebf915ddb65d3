// SPDX-License-Identifier: MIT
#include "mmap/smaps.hpp"

#include <gtest/gtest.h>

using namespace ipcdemo::maps;

namespace {
constexpr const char* sample =
    "7f0000000000-7f0000001000 r--s 00000000 00:1a 12 /etc/passwd\n"
    "Size:                  4 kB\n"
    "Rss:                   4 kB\n"
    "Shared_Clean:          4 kB\n"
    "Shared_Dirty:          0 kB\n"
    "Private_Clean:         0 kB\n"
    "Private_Dirty:         0 kB\n"
    "Anonymous:             0 kB\n"
    "VmFlags: rd sh mr mw me ms sd\n"
    "7f0000001000-7f0000003000 rw-p 00000000 00:1a 12 /etc/passwd\n"
    "Rss:                   4 kB\n"
    "Shared_Clean:          0 kB\n"
    "Private_Dirty:         4 kB\n"
    "Anonymous:             4 kB\n"
    "VmFlags: rd wr mr mw me ac sd\n";
} // namespace

TEST(Smaps, FindsTheEntryHoldingTheAddress) {
  const auto first = smaps_entry(sample, 0x7f0000000800);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->rss, 4U);
  EXPECT_EQ(first->shared_clean, 4U);
  EXPECT_EQ(first->private_dirty, 0U);
  const auto second = smaps_entry(sample, 0x7f0000002fff);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->shared_clean, 0U);
  EXPECT_EQ(second->private_dirty, 4U);
  EXPECT_EQ(second->anonymous, 4U);
  EXPECT_FALSE(smaps_entry(sample, 0x7f0000003000)) << "the end is exclusive";
}

TEST(Smaps, DescribesOnlyWhatIsThere) {
  EXPECT_EQ(describe(*smaps_entry(sample, 0x7f0000000000)), "Rss 4 kB = Shared_Clean 4 kB");
  EXPECT_EQ(describe(*smaps_entry(sample, 0x7f0000001000)), "Rss 4 kB = Private_Dirty 4 kB (Anonymous 4 kB)");
  EXPECT_EQ(describe(PageCounts{}), "Rss 0 kB (nothing resident yet)");
}

TEST(Smaps, OwnMappingIsFound) {
  static const int here = 1;
  EXPECT_TRUE(own_smaps(&here));
}
