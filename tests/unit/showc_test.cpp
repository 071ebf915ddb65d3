// --show-c's generators (src/showc): the values they write into C source, above
// all the names, which come from users and must stay exactly one string literal.
// tests/e2e/show_c.bats compiles and runs the programs.
#include "showc/c_text.hpp"
#include "showc/mmap.hpp"
#include "showc/mq.hpp"
#include "showc/program.hpp"
#include "showc/sem.hpp"
#include "showc/shm.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using namespace ipcdemo;
using namespace std::chrono_literals;

namespace {

// Reads a C string literal back as a C compiler does (translation phases 1 to 6):
// trigraphs first, then the escapes string_literal writes. Fails the test on
// anything it does not expect there.
std::string read_literal(std::string_view literal) {
  EXPECT_GE(literal.size(), 2U);
  EXPECT_EQ(literal.front(), '"');
  EXPECT_EQ(literal.back(), '"');
  std::string text(literal.substr(1, literal.size() - 2));
  // Phase 1: a trigraph (two question marks and one of = ( / ) and so on) is replaced in -std=c11.
  constexpr std::string_view trigraph_ends = "=(/)'<!>-";
  for (std::size_t at = text.find("??"); at != std::string::npos; at = text.find("??", at + 1))
    if (at + 2 < text.size() && trigraph_ends.find(text[at + 2]) != std::string_view::npos)
      ADD_FAILURE() << "a trigraph in " << literal;
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') ADD_FAILURE() << "an unescaped quote ends the literal early: " << literal;
    if (c != '\\') {
      out += c;
      continue;
    }
    const char next = text[++i];
    if (next >= '0' && next <= '7') {
      int value = 0;
      std::size_t digits = 0;
      for (; digits < 3 && i < text.size() && text[i] >= '0' && text[i] <= '7'; ++digits, ++i)
        value = value * 8 + (text[i] - '0');
      --i;
      out += static_cast<char>(value);
    } else if (next == '\\' || next == '"' || next == '?') {
      out += next;
    } else {
      ADD_FAILURE() << "unexpected escape \\" << next << " in " << literal;
    }
  }
  return out;
}

bool printable_ascii_lines(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == '\n' || (c >= 0x20 && c < 0x7f); });
}

std::size_t occurrences(std::string_view text, std::string_view part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string_view::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

std::size_t lines(std::string_view text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

} // namespace

TEST(ShowCLiteral, LeavesPrintableAsciiAlone) {
  EXPECT_EQ(showc::string_literal("/mein-shared-dings"), "\"/mein-shared-dings\"");
  EXPECT_EQ(showc::string_literal(""), "\"\"");
}

TEST(ShowCLiteral, EscapesQuoteAndBackslash) {
  EXPECT_EQ(showc::string_literal("/a\"b\\c"), R"("/a\"b\\c")");
  EXPECT_EQ(showc::string_literal("\"); system(\"x"), R"("\"); system(\"x")");
}

TEST(ShowCLiteral, WritesControlsDelAndNonAsciiAsThreeOctalDigits) {
  EXPECT_EQ(showc::string_literal("a\nb"), R"("a\012b")");
  EXPECT_EQ(showc::string_literal("\x1b[2J"), R"("\033[2J")");
  EXPECT_EQ(showc::string_literal("\x7f"), R"("\177")");
  EXPECT_EQ(showc::string_literal("\xc3\xa9"), R"("\303\251")"); // é in UTF-8
  // Three digits always: a digit after the escape is not read as part of it.
  EXPECT_EQ(showc::string_literal("\x01"
                                  "7"),
            R"("\0017")");
}

TEST(ShowCLiteral, NeverFormsATrigraph) {
  // Written "?" "?/" here: in C++ source, too, the trigraph may be read.
  EXPECT_EQ(showc::string_literal("?"
                                  "?/"),
            R"("?\?/")"); // the trigraph would be a backslash
  EXPECT_EQ(showc::string_literal("a?"
                                  "?"
                                  "?="),
            R"("a?\?\?=")");
  EXPECT_EQ(showc::string_literal("?a?"), R"("?a?")");
}

TEST(ShowCLiteral, EveryByteReadsBackExactly) {
  std::mt19937 random(20261207);
  std::uniform_int_distribution<int> byte(1, 255);
  for (int round = 0; round < 2000; ++round) {
    std::string name;
    const int length = round % 40;
    for (int i = 0; i < length; ++i) name += static_cast<char>(byte(random));
    const std::string literal = showc::string_literal(name);
    EXPECT_TRUE(printable_ascii_lines(literal)) << literal;
    EXPECT_EQ(literal.find('\n'), std::string::npos);
    EXPECT_EQ(read_literal(literal), name) << literal;
  }
  for (int c = 1; c < 256; ++c) {
    const std::string name(2, static_cast<char>(c));
    EXPECT_EQ(read_literal(showc::string_literal(name)), name) << c;
  }
}

TEST(ShowCLiteral, DoublesAreDoubleLiteralsThatReadBackExactly) {
  EXPECT_EQ(showc::double_literal(42.0), "42.0");
  EXPECT_EQ(showc::double_literal(21.5), "21.5");
  EXPECT_EQ(showc::double_literal(-2.5), "-2.5");
  for (const double value : {0.1, 1e300, -2e-300, 123456789.0, 5e-324}) {
    const std::string text = showc::double_literal(value);
    EXPECT_NE(text.find_first_of(".e"), std::string::npos) << text;
    EXPECT_EQ(std::strtod(text.c_str(), nullptr), value) << text;
  }
}

TEST(ShowCLiteral, CountsDurationsAndModes) {
  EXPECT_EQ(showc::count_literal(0), "0");
  EXPECT_EQ(showc::count_literal(100000), "100000");
  EXPECT_EQ(showc::count_literal(9223372036854775807ULL), "9223372036854775807");
  EXPECT_EQ(showc::count_literal(18446744073709551615ULL), "18446744073709551615u");
  EXPECT_EQ(showc::timespec_literal(1500ms), "{.tv_sec = 1, .tv_nsec = 500000000}");
  EXPECT_EQ(showc::timespec_literal(0ns), "{.tv_sec = 0, .tv_nsec = 0}");
  EXPECT_EQ(showc::mode_literal(0600), "0600");
  EXPECT_EQ(showc::mode_literal(0), "0000");
  EXPECT_EQ(showc::deadline_code("  ", "d", "CLOCK_REALTIME", 2s),
            "  struct timespec d;\n  clock_gettime(CLOCK_REALTIME, &d);\n  d.tv_sec += 2;\n");
  EXPECT_EQ(showc::deadline_code("", "d", "CLOCK_MONOTONIC", 1500ms),
            "struct timespec d;\nclock_gettime(CLOCK_MONOTONIC, &d);\n"
            "d.tv_sec += 1 + (d.tv_nsec + 500000000) / 1000000000;\n"
            "d.tv_nsec = (d.tv_nsec + 500000000) % 1000000000;\n");
}

// Every program, with a name that tries everything: it appears as its one literal,
// and the program stays printable ASCII (safe to print on a terminal) and short.
TEST(ShowCPrograms, AHostileNameIsOneLiteralInEveryProgram) {
  const std::string name =
      "/x\"); /* */ \\\n?"
      "?/\x1b[2J\xe2\x80\xae";
  const std::string literal = showc::string_literal(name);
  const std::vector<std::string> programs = {
      showc::mmap_cat_program({.files = {name, "-"}}),
      showc::shm_create_program({.name = name, .size = 4096}),
      showc::shm_produce_program({.name = name, .sync = shm::Sync::sem, .lock_name = "/lock"}),
      showc::shm_consume_program({.name = name, .count = 1}),
      showc::sem_create_program({.name = name}),
      showc::sem_wait_program({.name = name}),
      showc::sem_post_program({.name = name}),
      showc::mq_create_program({.name = name}),
      showc::mq_send_program({.name = name, .text = name}),
      showc::mq_receive_program({.name = name}),
  };
  for (const auto& program : programs) {
    EXPECT_TRUE(printable_ascii_lines(program)) << program;
    EXPECT_NE(program.find(literal), std::string::npos) << program;
    // The name is nowhere but in its literals (never in a comment, which its "*/" would end).
    EXPECT_EQ(occurrences(program, "/* */"), occurrences(program, literal)) << program;
  }
}

TEST(ShowCPrograms, EachVariantIsAtMostEightyLines) {
  std::vector<std::string> programs;
  programs.push_back(showc::mmap_cat_program({.files = {"/etc/passwd"}}));
  for (const bool exclusive : {false, true})
    for (const std::uint64_t size : {0, 4096})
      for (const bool hole : {false, true})
        programs.push_back(showc::shm_create_program(
            {.name = "/x", .size = size, .mode = 0600, .exclusive = exclusive, .hole = hole}));
  for (const auto sync : {shm::Sync::racy, shm::Sync::atomic, shm::Sync::sem})
    for (const bool private_copy : {false, true})
      for (const std::uint64_t count : {0, 5})
        for (const auto interval : {0ns, std::chrono::nanoseconds(1s)})
          for (const auto widen : {0ns, std::chrono::nanoseconds(1500ns)})
            programs.push_back(showc::shm_produce_program({.name = "/x",
                                                           .count = count,
                                                           .interval = interval,
                                                           .sync = sync,
                                                           .widen = widen,
                                                           .lock_name = "/x-lock",
                                                           .private_copy = private_copy}));
  for (const bool changes : {false, true})
    for (const std::uint64_t count : {0, 1, 5})
      programs.push_back(showc::shm_consume_program(
          {.name = "/x", .count = count, .interval = 1s, .changes_only = changes}));
  for (const bool exclusive : {false, true})
    programs.push_back(showc::sem_create_program({.name = "/x", .exclusive = exclusive}));
  for (const std::uint64_t count : {1, 3})
    for (const bool try_only : {false, true})
      for (const auto spin : {0ns, std::chrono::nanoseconds(1ms)}) {
        programs.push_back(showc::sem_wait_program(
            {.name = "/x", .count = count, .timeout = {}, .try_only = try_only, .spin = spin}));
        if (!try_only)
          programs.push_back(showc::sem_wait_program(
              {.name = "/x", .count = count, .timeout = 1500ms, .try_only = false, .spin = spin}));
      }
  programs.push_back(showc::sem_post_program({.name = "/x", .count = 3}));
  programs.push_back(showc::mq_create_program({.name = "/x"}));
  const std::vector<showc::MqWaiting> waits = {{}, {.nonblock = true, .timeout = {}}, {.timeout = 1500ms}};
  for (const auto& waiting : waits)
    for (const std::uint64_t count : {0, 1, 3}) {
      programs.push_back(
          showc::mq_send_program({.name = "/x", .count = count, .interval = 1s, .waiting = waiting}));
      programs.push_back(
          showc::mq_send_program({.name = "/x", .count = count, .waiting = waiting, .text = "t"}));
      for (const bool json : {false, true})
        for (const bool raw : {false, true})
          programs.push_back(showc::mq_receive_program(
              {.name = "/x", .count = count, .waiting = waiting, .json = json, .raw = raw}));
    }
  for (const auto& program : programs) EXPECT_LE(lines(program), 80U) << program;
}
