#include "cli/invocation.hpp"

#include "base/error.hpp"
#include "cli/parse.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ipcdemo {

namespace {

// Parses `value` as `type` only to reject it early; the accessors parse again when used.
void check_value(ValueType type, const std::vector<std::string_view>& choices, const std::string& value) {
  switch (type) {
    case ValueType::count: parse::unsigned_integer(value); break;
    case ValueType::pid: parse::unsigned_integer(value, 4194304); break; // PID_MAX_LIMIT
    case ValueType::number: parse::number(value); break;
    case ValueType::size: parse::size(value); break;
    case ValueType::duration: parse::duration(value); break;
    case ValueType::mode: parse::mode(value); break;
    case ValueType::choice:
      if (std::find(choices.begin(), choices.end(), value) == choices.end())
        throw UsageError(fmt::format("'{}' is not one of: {}", value, fmt::join(choices, ", ")));
      break;
    default: break;
  }
}

} // namespace

Invocation::Invocation(CommandRef command, std::map<std::string, std::vector<std::string>, std::less<>> given)
    : command_(command), given_(std::move(given)) {}

bool Invocation::given(std::string_view key) const { return given_.find(key) != given_.end(); }

std::size_t Invocation::flag_count(std::string_view key) const {
  const auto found = given_.find(key);
  return found == given_.end() ? 0 : std::max<std::size_t>(found->second.size(), 1);
}

std::string_view Invocation::default_of(std::string_view key) const {
  for (const auto& option : command_.command->options)
    if (option.key() == key) return option.default_value;
  for (const auto& argument : command_.command->arguments)
    if (argument.name == key) return argument.default_value;
  return {};
}

std::string Invocation::text(std::string_view key) const {
  const auto found = given_.find(key);
  if (found != given_.end() && !found->second.empty()) return found->second.back();
  return std::string(default_of(key));
}

std::vector<std::string> Invocation::texts(std::string_view key) const {
  const auto found = given_.find(key);
  if (found != given_.end() && !found->second.empty()) return found->second;
  const auto fallback = default_of(key);
  if (fallback.empty()) return {};
  return {std::string(fallback)};
}

std::vector<std::string> split_list(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& value : values) {
    std::size_t begin = 0;
    for (;;) {
      const auto comma = value.find(',', begin);
      out.push_back(value.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin));
      if (comma == std::string::npos) break;
      begin = comma + 1;
    }
  }
  return out;
}

std::uint64_t Invocation::count(std::string_view key) const { return parse::unsigned_integer(text(key)); }
std::uint64_t Invocation::size(std::string_view key) const { return parse::size(text(key)); }
std::chrono::nanoseconds Invocation::duration(std::string_view key) const {
  return parse::duration(text(key));
}
mode_t Invocation::mode(std::string_view key) const { return parse::mode(text(key)); }
double Invocation::number(std::string_view key) const { return parse::number(text(key)); }

void Invocation::validate() const {
  const auto check = [&](std::string_view label, ValueType type, const std::vector<std::string_view>& choices,
                         const std::vector<std::string>& values) {
    for (const auto& value : values) {
      try {
        check_value(type, choices, value);
      } catch (const UsageError& error) {
        throw UsageError(fmt::format("{}: {}", label, error.what()), error.hint());
      }
    }
  };
  for (const auto& option : command_.command->options) {
    const auto found = given_.find(option.key());
    if (found == given_.end()) continue;
    if (option.many)
      check(fmt::format("--{}", option.key()), option.type, option.choices, split_list(found->second));
    else
      check(fmt::format("--{}", option.key()), option.type, option.choices, found->second);
  }
  for (const auto& argument : command_.command->arguments) {
    const auto found = given_.find(argument.name);
    if (found != given_.end()) check(argument.name, argument.type, argument.choices, found->second);
  }
}

} // namespace ipcdemo
