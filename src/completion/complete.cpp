// SPDX-License-Identifier: MIT
#include "completion/complete.hpp"

#include "base/error.hpp"
#include "base/size_text.hpp"
#include "cli/globals.hpp"
#include "cli/option_names.hpp"
#include "ipc/listing.hpp"
#include "ipc/owner.hpp"
#include "sys/directory.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace ipcdemo::completion {

namespace {

constexpr std::string_view log_levels[] = {"trace", "debug", "info", "warn", "error", "off"};

std::string_view basename_of(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// The option spec that `word` names ("--count", "-c", "--count=3"), if any.
const OptionSpec* find_option(const CommandSpec& command, std::string_view word) {
  word = word.substr(0, word.find('='));
  for (const auto& option : command.all_options()) {
    std::string_view flags = option.flags;
    while (!flags.empty()) {
      const auto comma = flags.find(',');
      if (flags.substr(0, comma) == word) return &option;
      flags.remove_prefix(comma == std::string_view::npos ? flags.size() : comma + 1);
    }
  }
  return nullptr;
}

void add_pids(Answer& answer) {
  std::vector<sys::DirEntry> entries;
  try {
    entries = sys::list_directory("/proc");
  } catch (const SysError&) {
    return; // no /proc: no process to offer
  }
  for (const auto& entry : entries) {
    const std::string& name = entry.name;
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string comm = sys::read_small_file("/proc/" + name + "/comm", nullptr, 64).value_or("");
    if (const auto end = comm.find('\n'); end != std::string::npos) comm.resize(end);
    answer.candidates.emplace_back(name, comm);
  }
}

// A name a shell can be offered: the protocol is one candidate a line, and a
// control character (a newline, a tab, an escape) in a name someone planted could
// forge a line or drive the terminal, so such names are left out.
bool offerable(std::string_view name) {
  return std::none_of(name.begin(), name.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
}

// What Tab shows beside a live name: what `ls` would say of it, in a few words.
std::string describe(const ls::Row& row) {
  std::string text;
  if (!row.problem.empty())
    text = row.problem;
  else if (row.bytes)
    text = counted(static_cast<std::uint64_t>(*row.bytes), "byte");
  else if (row.value)
    text = fmt::format("value {}", *row.value);
  else if (row.curmsgs && row.maxmsg)
    text = fmt::format("{} of {}", *row.curmsgs, counted(static_cast<std::uint64_t>(*row.maxmsg), "message"));
  if (row.uid) text += (text.empty() ? "" : ", ") + fmt::format("owner {}", user_name(*row.uid));
  // The description is one field of one line: nothing in it may break the line.
  for (char& c : text)
    if (!offerable(std::string_view(&c, 1))) c = '?';
  return text;
}

// Live names as the user is typing them: with the leading '/' when the word has
// one, without it otherwise (ipcdemo adds it). A name that would start with '-'
// keeps its '/', or it would be read as an option.
void add_objects(Answer& answer, ObjectKind kind, std::string_view current) {
  std::vector<ObjectKind> kinds{kind};
  if (kind == ObjectKind::none) kinds = {ObjectKind::shm, ObjectKind::sem, ObjectKind::mq};
  // No private mount of the mqueue file system for a Tab press.
  for (const auto& row : ls::list(ls::Request{.kinds = kinds, .private_mqueue = false}).rows) {
    if (!offerable(row.name)) continue;
    std::string word = row.name;
    if (!current.starts_with('/') && word.size() > 1 && word[1] != '-') word.erase(0, 1);
    answer.candidates.emplace_back(std::move(word), describe(row));
  }
}

char upper(char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); }
char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool same_any_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return upper(x) == upper(y); });
}

// A comma list (--type shm,sem; --output NAME,MODE): what is before the last
// comma stays as typed, and the item being typed is completed from the choices
// not in the list yet, each candidate the whole word ("NAME,MODE"), since the
// comma does not split words for the shells. Columns take any case (offered in
// the case the item is typed in) and a leading '+' (add to the defaults).
void add_list_items(Answer& answer, Choices choices, std::string_view current, bool columns) {
  const auto comma = current.rfind(',');
  std::string done(current.substr(0, comma == std::string_view::npos ? 0 : comma + 1));
  std::string_view typing = current.substr(done.size());
  if (columns && done.empty() && typing.starts_with('+')) {
    done = "+";
    typing.remove_prefix(1);
  }
  std::vector<std::string_view> chosen;
  for (std::string_view rest = std::string_view(done); !rest.empty();) {
    const auto end = rest.find(',');
    std::string_view item = rest.substr(0, end);
    if (item.starts_with('+')) item.remove_prefix(1);
    chosen.push_back(item);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
  }
  const bool in_lower_case = columns && std::any_of(typing.begin(), typing.end(), [](char c) {
                               return std::islower(static_cast<unsigned char>(c)) != 0;
                             });
  for (const auto& choice : choices) {
    const bool taken = std::any_of(chosen.begin(), chosen.end(), [&](std::string_view item) {
      return columns ? same_any_case(item, choice) : item == choice;
    });
    if (taken) continue;
    std::string word = done + std::string(choice);
    if (in_lower_case)
      std::transform(word.begin() + static_cast<long>(done.size()), word.end(),
                     word.begin() + static_cast<long>(done.size()), lower);
    answer.candidates.emplace_back(std::move(word), "");
  }
}

// `list`: the value is a comma list of choices (an option declared `many`).
void add_values(Answer& answer, ValueType type, Choices choices, ObjectKind object, bool list,
                std::string_view current) {
  switch (type) {
    case ValueType::choice:
      if (list) {
        add_list_items(answer, choices, current, false);
        break;
      }
      for (const auto& choice : choices) answer.candidates.emplace_back(choice, "");
      break;
    case ValueType::columns: add_list_items(answer, choices, current, true); break;
    case ValueType::path: answer.files = true; break;
    case ValueType::pid: add_pids(answer); break;
    case ValueType::object: add_objects(answer, object, current); break;
    default: break;
  }
}

void add_options(Answer& answer, const CommandSpec* command) {
  if (command != nullptr)
    for (const auto& option : command->all_options()) {
      const std::string_view flags = option.flags;
      answer.candidates.emplace_back(flags.substr(flags.rfind(',') + 1), option.help);
    }
  // The long name of each global option, described as help describes it.
  for (const auto& global : cli::global_options) {
    const std::string_view flags = global.flags;
    answer.candidates.emplace_back(flags.substr(flags.rfind(',') + 1), global.help);
  }
}

} // namespace

Answer complete(const std::vector<std::string>& words, std::span<const GroupSpec> groups) {
  Answer answer;
  if (words.empty()) return answer;
  const std::string& current = words.back();

  // What the command line has chosen so far: a group, then a command.
  const GroupSpec* group = nullptr;
  const CommandSpec* command = nullptr;
  std::vector<std::string> rest(words.begin() + 1, words.end() - 1);
  const std::string_view program = basename_of(words.front());
  for (const auto& candidate : all_commands(groups))
    if (!candidate.command->action.empty() &&
        (candidate.tool_name() == program || "ipcdemo-" + candidate.tool_name() == program)) {
      group = candidate.group;
      command = candidate.command;
    }

  std::size_t positional = 0;
  const OptionSpec* pending = nullptr; // an option still waiting for its value
  std::string_view pending_global;     // --log-level or --install, waiting for its value
  for (const auto& word : rest) {
    if (pending != nullptr || !pending_global.empty()) {
      pending = nullptr;
      pending_global = {};
      continue;
    }
    if (word.starts_with("-")) {
      if (cli::global_takes_next(word)) pending_global = word;
      if (command != nullptr) {
        const OptionSpec* option = find_option(*command, word);
        if (option != nullptr && option->type != ValueType::flag && word.find('=') == std::string::npos)
          pending = option;
      }
      continue;
    }
    if (group == nullptr) {
      for (const auto& candidate : groups)
        if (candidate.name == word) group = &candidate;
      if (group != nullptr && group->is_single_command()) command = group->commands.begin();
      continue;
    }
    if (command == nullptr) {
      for (const auto& candidate : group->commands)
        if (candidate.action == word) command = &candidate;
      continue;
    }
    ++positional;
  }

  if (pending_global == "--log-level")
    for (const auto& level : log_levels) answer.candidates.emplace_back(level, "");
  if (!pending_global.empty()) {
    answer.files = pending_global == "--install";
    return answer;
  }
  if (pending != nullptr) {
    add_values(answer, pending->type, pending->choices, pending->object, pending->many, current);
    return answer;
  }
  // --option=value: the values, each as the whole word "--option=value".
  if (const auto equals = current.find('='); current.starts_with("--") && equals != std::string::npos) {
    const std::string name = current.substr(0, equals + 1);
    const std::string_view value = std::string_view(current).substr(equals + 1);
    Answer values;
    if (name == "--log-level=")
      for (const auto& level : log_levels) values.candidates.emplace_back(level, "");
    if (const OptionSpec* option = command != nullptr ? find_option(*command, current) : nullptr)
      if (option->type != ValueType::path)
        add_values(values, option->type, option->choices, option->object, option->many, value);
    for (auto& [word, description] : values.candidates)
      answer.candidates.emplace_back(name + word, description);
    return answer;
  }
  if (current.starts_with("-")) {
    add_options(answer, command);
    return answer;
  }
  if (group == nullptr) {
    for (const auto& candidate : groups) answer.candidates.emplace_back(candidate.name, candidate.summary);
    return answer;
  }
  if (command == nullptr) {
    for (const auto& candidate : group->commands)
      answer.candidates.emplace_back(candidate.action, candidate.summary);
    return answer;
  }
  const std::span<const ArgumentSpec> arguments(command->arguments.begin(), command->arguments.size());
  if (arguments.empty()) return answer;
  const auto& argument = positional < arguments.size() ? arguments[positional] : arguments.back();
  if (positional < arguments.size() || argument.many)
    add_values(answer, argument.type, argument.choices, argument.object, false, current);
  return answer;
}

std::string format(const Answer& answer) {
  std::string out;
  for (const auto& [word, description] : answer.candidates) {
    out += word;
    if (!description.empty()) out += "\t" + description;
    out += "\n";
  }
  out += answer.files ? ":files\n" : ":done\n";
  return out;
}

} // namespace ipcdemo::completion
