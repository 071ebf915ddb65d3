// SPDX-License-Identifier: MIT
#include "completion/complete.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

using namespace ipcdemo;

namespace {

constexpr std::string_view sync_choices[] = {"racy", "atomic"};
constexpr std::string_view kinds[] = {"shm", "sem", "mq"};
constexpr std::string_view columns[] = {"TYPE", "NAME", "MODE", "MTIME"};
constexpr std::string_view shells[] = {"bash", "zsh"};

// A registry of its own, so the test does not depend on which groups exist yet.
// An array, not a vector: a vector would copy the groups out of its braces,
// whose lists end with them (spec.hpp).
const GroupSpec groups[] = {
    {.name = "shm",
     .summary = "shared memory",
     .commands = {{.action = "consume",
                   .summary = "read the counter",
                   .options = {{.flags = "-s,--sync", .type = ValueType::choice, .choices = sync_choices},
                               {.flags = "-c,--count", .type = ValueType::count}},
                   .arguments = {{.name = "NAME", .type = ValueType::object, .object = ObjectKind::shm}}}}},
    {.name = "ls",
     .summary = "list",
     .commands =
         {{.action = "",
           .summary = "list",
           .options = {{.flags = "-t,--type", .type = ValueType::choice, .choices = kinds, .many = true},
                       {.flags = "-o,--output", .type = ValueType::columns, .choices = columns}}}}},
    {.name = "completion",
     .summary = "scripts",
     .commands = {{.action = "",
                   .summary = "scripts",
                   .arguments = {{.name = "SHELL", .type = ValueType::choice, .choices = shells}}}}},
};

std::vector<std::string> words_of(const completion::Answer& answer) {
  std::vector<std::string> words;
  for (const auto& candidate : answer.candidates) words.push_back(candidate.first);
  return words;
}

bool contains(const std::vector<std::string>& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

} // namespace

TEST(Completion, OffersGroupsThenActions) {
  EXPECT_EQ(words_of(completion::complete({"ipcdemo", ""}, groups)),
            (std::vector<std::string>{"shm", "ls", "completion"}));
  EXPECT_EQ(words_of(completion::complete({"ipcdemo", "shm", ""}, groups)),
            std::vector<std::string>{"consume"});
}

TEST(Completion, OffersChoicesOfTheOptionBeingFilled) {
  EXPECT_EQ(words_of(completion::complete({"ipcdemo", "shm", "consume", "--sync", ""}, groups)),
            (std::vector<std::string>{"racy", "atomic"}));
  EXPECT_EQ(words_of(completion::complete({"shm-consume", "-s", "a"}, groups)),
            (std::vector<std::string>{"racy", "atomic"}));
}

TEST(Completion, OffersOptionsForADash) {
  const auto words = words_of(completion::complete({"shm-consume", "--"}, groups));
  EXPECT_TRUE(contains(words, "--sync"));
  EXPECT_TRUE(contains(words, "--count"));
  EXPECT_TRUE(contains(words, "--verbose"));
}

TEST(Completion, SkipsOptionValuesWhenCountingPositionals) {
  EXPECT_EQ(words_of(completion::complete({"ipcdemo", "completion", ""}, groups)),
            (std::vector<std::string>{"bash", "zsh"}));
  EXPECT_TRUE(completion::complete({"ipcdemo", "--log-level", "info", "completion", "bash", ""}, groups)
                  .candidates.empty());
}

TEST(Completion, OffersLiveSharedMemoryNames) {
  const std::string name = "ipcdemo-unit-completion-" + std::to_string(getpid());
  const std::string path = "/dev/shm/" + name;
  std::ofstream(path).put('x');
  const auto bare = words_of(completion::complete({"ipcdemo", "shm", "consume", ""}, groups));
  const auto slashed = completion::complete({"ipcdemo", "shm", "consume", "/"}, groups);
  std::filesystem::remove(path);
  EXPECT_TRUE(contains(bare, name)) << "without the '/' unless it is typed";
  EXPECT_FALSE(contains(bare, "sem." + name));
  ASSERT_TRUE(contains(words_of(slashed), "/" + name));
  for (const auto& [word, description] : slashed.candidates)
    if (word == "/" + name) {
      EXPECT_EQ(description.substr(0, 14), "1 byte, owner ");
    }
}

TEST(Completion, OffersOptionEqualsValueAsWholeWords) {
  EXPECT_EQ(words_of(completion::complete({"shm-consume", "--sync=a"}, groups)),
            (std::vector<std::string>{"--sync=racy", "--sync=atomic"}));
  EXPECT_EQ(words_of(completion::complete({"ipcdemo", "--log-level="}, groups)).front(), "--log-level=trace");
}

TEST(Completion, FormatsTheProtocol) {
  completion::Answer answer;
  answer.candidates = {{"cat", "print files"}, {"maps", ""}};
  EXPECT_EQ(completion::format(answer), "cat\tprint files\nmaps\n:done\n");
  answer.files = true;
  EXPECT_EQ(completion::format(answer), "cat\tprint files\nmaps\n:files\n");
}

TEST(Completion, OffersTheNextColumnAfterAComma) {
  // The word stays whole (the shells do not split at commas); a column already chosen is not offered again.
  EXPECT_EQ(words_of(completion::complete({"ipcdemo", "ls", "-o", "NAME,M"}, groups)),
            (std::vector<std::string>{"NAME,TYPE", "NAME,MODE", "NAME,MTIME"}));
  EXPECT_EQ(words_of(completion::complete({"ipcdemo", "ls", "-o", ""}, groups)),
            (std::vector<std::string>{"TYPE", "NAME", "MODE", "MTIME"}));
  EXPECT_EQ(words_of(completion::complete({"ipcdemo", "ls", "--output=TYPE,NAME,MODE,"}, groups)),
            std::vector<std::string>{"--output=TYPE,NAME,MODE,MTIME"});
}

TEST(Completion, OffersColumnsInTheCaseTypedAndAfterAPlus) {
  EXPECT_EQ(words_of(completion::complete({"ipcdemo", "ls", "-o", "name,mo"}, groups)),
            (std::vector<std::string>{"name,type", "name,mode", "name,mtime"}));
  EXPECT_EQ(words_of(completion::complete({"ipcdemo", "ls", "-o", "+M"}, groups)),
            (std::vector<std::string>{"+TYPE", "+NAME", "+MODE", "+MTIME"}));
  EXPECT_EQ(words_of(completion::complete({"ipcdemo", "ls", "-o", "+mode,"}, groups)),
            (std::vector<std::string>{"+mode,TYPE", "+mode,NAME", "+mode,MTIME"}));
}

TEST(Completion, OffersTheNextChoiceOfARepeatableList) {
  EXPECT_EQ(words_of(completion::complete({"ipcdemo", "ls", "--type", "shm,"}, groups)),
            (std::vector<std::string>{"shm,sem", "shm,mq"}));
  // Choices are exact: no case folding, no '+'.
  EXPECT_EQ(words_of(completion::complete({"ipcdemo", "ls", "--type", "SHM,"}, groups)),
            (std::vector<std::string>{"SHM,shm", "SHM,sem", "SHM,mq"}));
}
