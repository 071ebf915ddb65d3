// SPDX-License-Identifier: MIT
#include "bench/report.hpp"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

using namespace ipcdemo::bench;

TEST(BenchReport, TimesHaveThreeSignificantDigitsAndAUnit) {
  EXPECT_EQ(format_ns(62.4), "62.4 ns");
  EXPECT_EQ(format_ns(432), "432 ns");
  EXPECT_EQ(format_ns(23'100), "23.1 µs");
  EXPECT_EQ(format_ns(8'020'000), "8.02 ms");
  EXPECT_EQ(format_ns(1.2e9), "1.20 s");
  EXPECT_EQ(format_ns(999.7), "1.00 µs");
}

TEST(BenchReport, RatesUseDecimalPrefixes) {
  EXPECT_EQ(format_rate(1.37e6, "samples/s"), "1.37 M/s");
  EXPECT_EQ(format_rate(534'000, "samples/s"), "534 k/s");
  EXPECT_EQ(format_rate(2.1e9, "bytes/s"), "2.10 GB/s");
  EXPECT_EQ(format_rate(12, "bytes/s"), "12.0 B/s");
  EXPECT_EQ(format_value(62, "ns"), "62.0 ns");
}

TEST(BenchReport, JsonNumbersAreFiniteOrNull) {
  EXPECT_EQ(json_number(62.5), "62.5");
  EXPECT_EQ(json_number(3), "3");
  EXPECT_EQ(json_number(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(json_number(std::nan("")), "null");
}

namespace {
RunInfo info() {
  return {.version = "0.1.0",
          .cpu_model = "Test \"CPU\"",
          .kernel = "6.1",
          .cpus_online = 2,
          .usable_cpus = {0, 1},
          .repetitions = 5,
          .sizes = {24, 1024},
          .seconds = 1.5};
}

Result round_trip() {
  return {.mechanism = "sem",
          .label = "named sem, blocking",
          .family = Family::futex,
          .placement = "split",
          .unit = "ns",
          .summary = {.median = 23000, .p10 = 22000, .p90 = 25000, .count = 5},
          .per_repetition = 100,
          .operations = 500,
          .processes = 2,
          .pid = 10,
          .peer_pid = 11,
          .peer_operations = 500,
          .floor_ratio = 371.0};
}
} // namespace

TEST(BenchReport, JsonDocumentHasEveryField) {
  Result object{.mechanism = "mq-open",
                .label = "mq_open+mq_close, existing",
                .kind = Kind::object,
                .unit = "ns",
                .summary = {.median = 2000, .p10 = 1900, .p90 = 2100, .count = 5},
                .per_repetition = 10,
                .operations = 50,
                .pid = 10};
  const std::string json = format_json({round_trip(), object}, info());
  EXPECT_EQ(
      json,
      "{\n"
      "  \"tool\": \"ipcdemo bench\",\n"
      "  \"version\": \"0.1.0\",\n"
      "  \"machine\": {\"cpu_model\": \"Test \\\"CPU\\\"\", \"kernel\": \"6.1\", \"cpus_online\": 2, "
      "\"usable_cpus\": [0, 1]},\n"
      "  \"quick\": false,\n"
      "  \"repetitions\": 5,\n"
      "  \"sizes\": [24, 1024],\n"
      "  \"seconds\": 1.5,\n"
      "  \"results\": [\n"
      "    {\"mechanism\": \"sem\", \"label\": \"named sem, blocking\", \"kind\": \"round_trip\", "
      "\"family\": \"futex\", \"size\": null, \"placement\": \"split\", \"unit\": \"ns\", \"median\": 23000, "
      "\"p10\": 22000, \"p90\": 25000, "
      "\"repetitions\": 5, \"per_repetition\": 100, \"operations\": 500, \"processes\": 2, \"pid\": 10, "
      "\"peer_pid\": 11, \"peer_operations\": 500, \"floor_ratio\": 371, \"note\": \"\"},\n"
      "    {\"mechanism\": \"mq-open\", \"label\": \"mq_open+mq_close, existing\", \"kind\": \"object\", "
      "\"family\": null, \"size\": null, \"placement\": null, \"unit\": \"ns\", \"median\": 2000, \"p10\": "
      "1900, \"p90\": 2100, "
      "\"repetitions\": 5, \"per_repetition\": 10, \"operations\": 50, \"processes\": 1, \"pid\": 10, "
      "\"floor_ratio\": null, \"note\": \"\"}\n"
      "  ],\n"
      "  \"skipped\": [],\n"
      "  \"conclusions\": []\n"
      "}\n");
}

TEST(BenchReport, EmptyResultsStillMakeADocument) {
  EXPECT_NE(format_json({}, info()).find("\"results\": [],\n  \"skipped\": [],\n  \"conclusions\": []\n}"),
            std::string::npos);
}

TEST(BenchReport, TableShowsRatioCountsAndRange) {
  const std::string table = format_table({round_trip()}, info());
  EXPECT_NE(table.find("named sem, blocking"), std::string::npos);
  EXPECT_NE(table.find("23.0 µs"), std::string::npos);
  EXPECT_NE(table.find("22.0 µs - 25.0 µs"), std::string::npos);
  EXPECT_NE(table.find("371x"), std::string::npos);
  EXPECT_NE(table.find("5 x 100"), std::string::npos);
  EXPECT_NE(table.find("median of 5 repetitions"), std::string::npos);
}

TEST(BenchReport, SizesReadAsPeopleWriteThem) {
  EXPECT_EQ(format_size(24), "24 B");
  EXPECT_EQ(format_size(100), "100 B");
  EXPECT_EQ(format_size(1024), "1 KiB");
  EXPECT_EQ(format_size(65536), "64 KiB");
}

TEST(BenchReport, ALimitedRowIsSaidNotFailedAndGroupedByFamily) {
  Result capped = round_trip();
  capped.mechanism = "mq";
  capped.label = "POSIX mq";
  capped.family = Family::kernel_object;
  capped.size = 65536;
  capped.skipped = "msgsize_max is 8192";
  const std::string table = format_table({round_trip(), capped}, info());
  EXPECT_NE(table.find("messages of 24 B, 1 KiB"), std::string::npos);
  EXPECT_NE(table.find("futex-based"), std::string::npos);
  EXPECT_NE(table.find("64 KiB messages"), std::string::npos);
  EXPECT_NE(table.find("not run"), std::string::npos);
  EXPECT_NE(table.find("(msgsize_max is 8192)"), std::string::npos);
  const std::string json = format_json({round_trip(), capped}, info());
  EXPECT_NE(
      json.find("\"skipped\": [\n    {\"mechanism\": \"mq\", \"size\": 65536, \"placement\": \"split\", "
                "\"reason\": \"msgsize_max is 8192\"}\n  ]"),
      std::string::npos);
  EXPECT_EQ(json.find("\"mechanism\": \"mq\", \"label\""), std::string::npos);
}
