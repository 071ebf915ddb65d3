// SPDX-License-Identifier: MIT
#include "cli/suggest.hpp"
#include "cli/diagnose.hpp"
#include "cli/spec.hpp"

#include <gtest/gtest.h>

using namespace ipcdemo;
using namespace ipcdemo::cli;

TEST(EditDistance, CountsEditsAndNeighbourSwapsAsOne) {
  EXPECT_EQ(edit_distance("shm", "shm"), 0U);
  EXPECT_EQ(edit_distance("shn", "shm"), 1U);
  EXPECT_EQ(edit_distance("porduce", "produce"), 1U);
  EXPECT_EQ(edit_distance("--sizee", "--size"), 1U);
  EXPECT_EQ(edit_distance("", "abc"), 3U);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3U);
}

TEST(Suggestions, PreferSynonymThenUniquePrefixThenClosest) {
  const std::vector<std::string> actions = {"create", "send", "recv", "info", "unlink", "notify"};
  EXPECT_EQ(suggestions("rm", actions), std::vector<std::string>{"unlink"});
  EXPECT_EQ(suggestions("receive", actions), std::vector<std::string>{"recv"});
  EXPECT_EQ(suggestions("no", actions), std::vector<std::string>{"notify"});
  EXPECT_EQ(suggestions("sned", actions), std::vector<std::string>{"send"});
  EXPECT_TRUE(suggestions("frobnicate", actions).empty());
  EXPECT_TRUE(suggestions("send", actions).empty()) << "a valid word needs no suggestion";
  // A synonym is only offered where its target is valid.
  EXPECT_TRUE(suggestions("rm", {"cat", "maps"}).empty());
}

TEST(Suggestions, ShortWordsAllowOneEditOnly) {
  EXPECT_EQ(suggestions("shn", {"mmap", "shm", "sem", "mq"}), std::vector<std::string>{"shm"});
  EXPECT_TRUE(suggestions("xy", {"mq", "ls"}).empty());
}

TEST(DidYouMean, ListsTiesInOrder) {
  EXPECT_EQ(did_you_mean("sxm", {"shm", "sem"}), " did you mean 'shm' or 'sem'?");
  EXPECT_EQ(did_you_mean("zzzz", {"shm"}), "");
}

namespace {
std::string diagnosis(std::vector<std::string> args) {
  const auto error = diagnose(args, all_commands());
  return error ? error->line() : std::string("<none>");
}
} // namespace

TEST(Diagnose, NamesTheWrongWordAndTheRightOnes) {
  EXPECT_EQ(diagnosis({"shn", "create"}),
            "unknown command 'shn'; did you mean 'shm'? commands: mmap, shm, sem, mq, ls, who, rm, limits, "
            "watch, tour, bench, completion");
  EXPECT_NE(diagnosis({"shm", "rm"}).find("did you mean 'unlink'?"), std::string::npos);
  EXPECT_NE(diagnosis({"shm", "ls"}).find("did you mean 'ipcdemo ls'?"), std::string::npos);
  EXPECT_NE(diagnosis({"-version"}).find("did you mean '--version'?"), std::string::npos);
  EXPECT_NE(diagnosis({"shm", "create", "--sizee", "4"})
                .find("shm create: unknown option '--sizee'; did you mean '--size'?"),
            std::string::npos);
}

TEST(Diagnose, SwappedGroupAndActionGetTheRightOrder) {
  EXPECT_EQ(diagnosis({"produce", "shm", "x"}),
            "'produce shm': the group comes before the action; did you mean 'ipcdemo shm produce x'?");
  EXPECT_EQ(diagnosis({"-v", "recv", "mq", "a b"}),
            "'recv mq': the group comes before the action; did you mean 'ipcdemo -v mq recv 'a b''?");
}

TEST(Diagnose, AcceptsWhatIsValid) {
  EXPECT_EQ(diagnosis({"shm", "produce", "-vv", "-c5", "--sync=atomic", "--interval", "-1", "/x"}), "<none>");
  EXPECT_EQ(diagnosis({"--log-level", "debug", "mq", "send", "--", "-name"}), "<none>");
}

TEST(RewriteHelp, HelpTopicIsTopicHelp) {
  const auto commands = all_commands();
  using Args = std::vector<std::string>;
  EXPECT_EQ(rewrite_help({"help"}, commands), (Args{"--help"}));
  EXPECT_EQ(rewrite_help({"help", "shm", "produce"}, commands), (Args{"shm", "produce", "--help"}));
  EXPECT_EQ(rewrite_help({"-v", "shm", "help", "produce"}, commands),
            (Args{"-v", "shm", "produce", "--help"}));
  EXPECT_EQ(rewrite_help({"mq", "send", "help"}, commands), (Args{"mq", "send", "help"})) << "a message text";
}

TEST(Diagnose, EchoesNoControlCharacters) {
  EXPECT_EQ(visible("a\nb\x1b[31m"), "a\\nb\\e[31m");
  const std::string line = diagnosis({"sh\x1b]0;x\x07"});
  EXPECT_EQ(line.find('\x1b'), std::string::npos) << line;
  EXPECT_NE(line.find("unknown command 'sh\\e]0;x\\a'"), std::string::npos) << line;
  EXPECT_EQ(unknown_tool_message("x\ny", {}),
            "'x\\ny' is not an ipcdemo tool name; 'ipcdemo --list' shows them");
}
