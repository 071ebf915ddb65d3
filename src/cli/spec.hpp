// SPDX-License-Identifier: MIT
// The command registry: every command is described once, here in data, and
// everything else — the CLI11 tree, --list, tool (symlink) names, help text,
// completions and man pages — is derived from these descriptions.
#pragma once

#include "ipc/kind.hpp"

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ipcdemo {

class Invocation;

// A list in a command's description. Each group's description is one constant
// (a static in its NAME_group()), so its lists are arrays laid out by the
// compiler and filled in once, not vectors allocated and copied at every start:
// building the shm group's vectors was 14,000 instructions and pages of heap and
// stack at every `shm consume` (docs/startup.md). An initializer_list
// member keeps its array alive as long as the object it is in, so a List is
// written in place, inside the group's braces; a function that returned one it
// made would return a dangling list. Choices are spans of named arrays for the
// same reason: the option helpers (shared_options.hpp) are functions.
template <class T>
using List = std::initializer_list<T>;
using Choices = std::span<const std::string_view>;

// What kind of value an option or argument takes; decides how it is validated,
// how help shows it and what completion offers.
enum class ValueType {
  flag,     // no value; may be repeated
  count,    // whole number >= 0, in [min, max]
  integer,  // whole number in [min, max]
  number,   // decimal number
  size,     // bytes with optional K/M/G suffix, in [min, max]
  duration, // 1s, 250ms, ...
  mode,     // octal permission bits
  text,     // free text
  choice,   // one of `choices`
  path,     // a file system path
  pid,      // a process id
  object,   // the name of a POSIX IPC object (see ObjectKind)
  columns,  // a comma list of `choices` in any case, "+" first to add to the defaults
            // (ls --output); the handler parses it, completion offers each item
};

struct OptionSpec {
  std::string_view flags; // "-c,--count"
  ValueType type = ValueType::flag;
  std::string_view help;
  std::string_view default_value = {};  // shown in help; used when not given
  Choices choices = {};                 // for ValueType::choice and ::columns
  ObjectKind object = ObjectKind::none; // for ValueType::object
  // The one statement of a whole-number or size option's limits: validation
  // rejects a value outside [min, max] with exit 2 and `range_error`.
  std::uint64_t min = 0;
  std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  // Why the range is what it is, as the user reads it; {option}, {value}, {min}
  // and {max} are filled in. Empty: "{option}: {value} is not from {min} to {max}".
  std::string_view range_error = {};
  bool many = false; // repeatable, each value also a comma list (--type shm,sem)

  // "count" for "-c,--count": the key under which the value is stored.
  std::string_view key() const;
};

struct ArgumentSpec {
  std::string_view name; // "FILE"
  ValueType type = ValueType::text;
  std::string_view help;
  std::string_view default_value = {};
  ObjectKind object = ObjectKind::none;
  bool many = false;     // FILE...
  Choices choices = {};  // for ValueType::choice
  std::uint64_t min = 0; // as for OptionSpec
  std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  std::string_view range_error = {};
};

using Handler = int (*)(const Invocation&);
// Writes the C program that does what an invocation would do (--show-c). The
// generators themselves live in src/showc/ and know nothing of the command line.
using ShowC = std::string (*)(const Invocation&);

// --show-c: offered (help, man page, completion, parsing) by exactly the commands
// that have a ShowC.
extern const OptionSpec show_c_option;

// A command's options as everything derived from the registry sees them: its
// own, then --show-c when it has a C generator. Iterating allocates nothing.
class OptionList {
 public:
  // An index into own options, then the extra one: no pointer that can be null
  // where it is read.
  class Iterator {
   public:
    using pointer = const OptionSpec*;
    using reference = const OptionSpec&;

    // Enough for a range-for, which is all it is used for.
    Iterator() = default;
    Iterator(const OptionList* list, std::size_t index) : list_(list), index_(index) {}
    reference operator*() const { return list_->at(index_); }
    pointer operator->() const { return &list_->at(index_); }
    Iterator& operator++() {
      ++index_;
      return *this;
    }
    bool operator==(const Iterator& other) const { return index_ == other.index_; }

   private:
    const OptionList* list_ = nullptr;
    std::size_t index_ = 0;
  };

  OptionList(List<OptionSpec> own, const OptionSpec* extra) : own_(own), extra_(extra) {}
  Iterator begin() const { return {this, 0}; }
  Iterator end() const { return {this, size()}; }
  std::size_t size() const { return own_.size() + (extra_ != nullptr ? 1 : 0); }
  bool empty() const { return size() == 0; }
  // The index-th option: own ones first; index < size().
  const OptionSpec& at(std::size_t index) const { return index < own_.size() ? own_.begin()[index] : *extra_; }

 private:
  List<OptionSpec> own_;
  const OptionSpec* extra_;
};

struct CommandSpec {
  std::string_view action;         // "cat"; empty for a top-level command such as `ls`
  std::string_view summary;        // one line
  std::string_view description;    // paragraphs for --help and the man page
  List<std::string_view> examples; // full command lines
  List<OptionSpec> options;
  List<ArgumentSpec> arguments;
  Handler handler = nullptr;
  // The C program for --show-c; null for a command that has none (and so no --show-c).
  ShowC show_c = nullptr;
  // The option under which the command starts a program of its own ("exec"): with
  // --strace and that option given, strace follows that program, not ipcdemo.
  std::string_view strace_follows = {};

  // Every option the command takes: `options`, and --show-c when `show_c` is set.
  OptionList all_options() const { return {options, show_c != nullptr ? &show_c_option : nullptr}; }
};

struct GroupSpec {
  std::string_view name; // "mmap"
  std::string_view summary;
  std::string_view description;
  List<CommandSpec> commands; // one command with an empty action: a top-level command

  bool is_single_command() const { return commands.size() == 1 && commands.begin()->action.empty(); }
};

// How help and man pages show a value: "SIZE", "racy|atomic|sem", "" for a flag.
std::string value_placeholder(ValueType type, Choices choices);

// The table of command groups, in the order help shows them (src/commands/registry.cpp).
std::span<const GroupSpec> registry();
// The one group of that name (the word in groups.def, which is its name), built
// alone: a start-up builds only the group it runs. Empty when no group has it.
std::span<const GroupSpec> group_named(std::string_view name);

// A command together with its group, as dispatch and the generators see it.
struct CommandRef {
  const GroupSpec* group;
  const CommandSpec* command;

  // "shm-produce"; empty for a top-level command, which gets no tool name.
  std::string tool_name() const;
  // "shm produce"
  std::string path() const;
};

std::vector<CommandRef> all_commands(std::span<const GroupSpec> groups = registry());
// Every GROUP-ACTION tool name, in registry order.
std::vector<std::string> tool_names(std::span<const GroupSpec> groups = registry());
// The command a tool name (with or without the "ipcdemo-" prefix) stands for.
const CommandRef* find_tool(std::string_view name, const std::vector<CommandRef>& commands);

} // namespace ipcdemo
