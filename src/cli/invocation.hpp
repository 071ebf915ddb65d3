// What a command was asked to do: the parsed values of its options and
// arguments, with typed accessors. Values are validated once, right after
// parsing (exit 2 on bad input), so the accessors do not fail on user input.
#pragma once

#include "cli/spec.hpp"

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ipcdemo {

class Invocation {
 public:
  Invocation(CommandRef command, std::map<std::string, std::vector<std::string>, std::less<>> given);

  const CommandRef& command() const { return command_; }

  // Whether the user gave this option or argument (key: long option name or argument name).
  bool given(std::string_view key) const;
  // How many times a flag was given.
  std::size_t flag_count(std::string_view key) const;
  bool flag(std::string_view key) const { return flag_count(key) > 0; }

  // The value given, or the registry's default ("" when there is none).
  std::string text(std::string_view key) const;
  // Every value of a repeatable argument (FILE...), or the default as a single value.
  std::vector<std::string> texts(std::string_view key) const;
  std::uint64_t count(std::string_view key) const;
  std::uint64_t size(std::string_view key) const;
  std::chrono::nanoseconds duration(std::string_view key) const;
  mode_t mode(std::string_view key) const;
  double number(std::string_view key) const;

  // Checks every given value against its type; throws UsageError naming the option.
  void validate() const;

 private:
  std::string_view default_of(std::string_view key) const;

  CommandRef command_;
  std::map<std::string, std::vector<std::string>, std::less<>> given_;
};

// "shm,sem" and "mq" -> shm, sem, mq: the values of a repeatable list option (OptionSpec::many).
std::vector<std::string> split_list(const std::vector<std::string>& values);

} // namespace ipcdemo
