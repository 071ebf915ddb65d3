// SPDX-License-Identifier: MIT
// What a command was asked to do: the values of its options and arguments,
// parsed once. Constructing an Invocation validates every value against its
// declaration (type, choices, range) and throws UsageError (exit 2) naming the
// option; the accessors then return the parsed values and never parse again.
//
// Asking for a key the command does not declare, or through the accessor of
// another type, is a bug in the handler, not bad input: it throws InternalError
// (exit 70) naming the key and the command.
#pragma once

#include "cli/spec.hpp"

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ipcdemo {

class Invocation {
 public:
  using Given = std::map<std::string, std::vector<std::string>, std::less<>>;

  // `given`: the values given per key (long option name or argument name); a flag
  // has one entry per time it was given. Throws UsageError for a bad value.
  Invocation(CommandRef command, Given given);

  const CommandRef& command() const { return command_; }

  // Whether the user gave this option or argument.
  bool given(std::string_view key) const;
  // How many times a flag was given.
  std::size_t flag_count(std::string_view key) const;
  bool flag(std::string_view key) const { return flag_count(key) > 0; }

  // Any option or argument that takes a value: the text as given (the last one
  // when repeated), or the registry's default ("" when there is none). Use it to
  // quote the user, or for text, choice, path and object values.
  std::string text(std::string_view key) const;
  // Every value of a repeatable argument (FILE...), or the default as a single value.
  std::vector<std::string> texts(std::string_view key) const;

  // The parsed value of a count, integer or pid; of a size; a duration; a mode; a number.
  std::uint64_t count(std::string_view key) const;
  std::uint64_t size(std::string_view key) const;
  std::chrono::nanoseconds duration(std::string_view key) const;
  mode_t mode(std::string_view key) const;
  double number(std::string_view key) const;

 private:
  using Value = std::variant<std::monostate, std::uint64_t, double, std::chrono::nanoseconds, mode_t>;

  struct Slot {
    ValueType type;
    std::string_view default_value;
    std::vector<std::string> spelled; // as given
    Value value;                      // parsed: the last given, else the default; monostate if neither
  };

  const Slot& slot(std::string_view key, std::string_view accessor) const;
  template <class T>
  T typed(std::string_view key, std::string_view accessor, std::initializer_list<ValueType> types) const;

  CommandRef command_;
  std::map<std::string, Slot, std::less<>> slots_;
};

// "shm,sem" and "mq" -> shm, sem, mq: the values of a repeatable list option (OptionSpec::many).
std::vector<std::string> split_list(const std::vector<std::string>& values);

} // namespace ipcdemo
