// SPDX-License-Identifier: MIT
#include "cli/invocation.hpp"

#include "base/error.hpp"
#include "cli/parse.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ipcdemo {

namespace {

constexpr std::uint64_t pid_max_limit = 4194304; // PID_MAX_LIMIT

std::string_view type_name(ValueType type) {
  switch (type) {
    case ValueType::flag: return "flag";
    case ValueType::count: return "count";
    case ValueType::integer: return "integer";
    case ValueType::number: return "number";
    case ValueType::size: return "size";
    case ValueType::duration: return "duration";
    case ValueType::mode: return "mode";
    case ValueType::text: return "text";
    case ValueType::choice: return "choice";
    case ValueType::path: return "path";
    case ValueType::pid: return "pid";
    case ValueType::object: return "object";
    case ValueType::columns: return "columns";
  }
  return "value";
}

// What one declared option or argument accepts, whichever of the two it is.
struct Declared {
  std::string key;
  std::string label; // "--count" or "NAME", as messages name it
  ValueType type;
  std::string_view default_value;
  Choices choices;
  std::uint64_t min;
  std::uint64_t max;
  std::string_view range_error;
  bool many = false; // each value is also a comma list (--type shm,sem)
};

std::vector<Declared> declarations(const CommandSpec& command) {
  std::vector<Declared> out;
  for (const auto& option : command.all_options())
    out.push_back({std::string(option.key()), fmt::format("--{}", option.key()), option.type,
                   option.default_value, option.choices, option.min, option.max, option.range_error,
                   option.many});
  for (const auto& argument : command.arguments)
    out.push_back({std::string(argument.name), std::string(argument.name), argument.type,
                   argument.default_value, argument.choices, argument.min, argument.max,
                   argument.range_error});
  return out;
}

void check_range(const Declared& declared, std::uint64_t value) {
  if (value >= declared.min && value <= declared.max) return;
  const std::string_view why =
      declared.range_error.empty() ? "{option}: {value} is not from {min} to {max}" : declared.range_error;
  throw UsageError(fmt::format(fmt::runtime(why), fmt::arg("option", declared.label),
                               fmt::arg("value", value), fmt::arg("min", declared.min),
                               fmt::arg("max", declared.max)));
}

// The value of `text` as `declared` says; throws UsageError (without the label) on garbage.
std::variant<std::monostate, std::uint64_t, double, std::chrono::nanoseconds, mode_t> parse_value(
    const Declared& declared, const std::string& text) {
  switch (declared.type) {
    case ValueType::count:
    case ValueType::integer: return parse::unsigned_integer(text);
    case ValueType::pid: return parse::unsigned_integer(text, pid_max_limit);
    case ValueType::size: return parse::size(text);
    case ValueType::number: return parse::number(text);
    case ValueType::duration: return parse::duration(text);
    case ValueType::mode: return parse::mode(text);
    case ValueType::choice:
      if (std::find(declared.choices.begin(), declared.choices.end(), text) == declared.choices.end())
        throw UsageError(fmt::format("'{}' is not one of: {}", text, fmt::join(declared.choices, ", ")));
      return std::monostate{};
    default: return std::monostate{};
  }
}

bool has_range(ValueType type) {
  return type == ValueType::count || type == ValueType::integer || type == ValueType::size;
}

} // namespace

Invocation::Invocation(CommandRef command, Given given) : command_(command) {
  for (const auto& declared : declarations(*command_.command)) {
    Slot slot{declared.type, declared.default_value, {}, {}};
    if (auto found = given.find(declared.key); found != given.end()) {
      slot.spelled = std::move(found->second);
      given.erase(found);
    }
    if (declared.type != ValueType::flag) {
      // Every value given is checked, though the last one counts (as CLI11 takes it).
      for (const auto& text : declared.many ? split_list(slot.spelled) : slot.spelled) {
        try {
          slot.value = parse_value(declared, text);
        } catch (const UsageError& error) {
          throw UsageError(fmt::format("{}: {}", declared.label, error.what()), error.hint());
        }
        if (has_range(declared.type)) check_range(declared, std::get<std::uint64_t>(slot.value));
      }
      if (slot.spelled.empty() && !declared.default_value.empty()) {
        try {
          slot.value = parse_value(declared, std::string(declared.default_value));
        } catch (const UsageError& error) {
          throw InternalError(fmt::format("the default of {} in '{}' is invalid: {}", declared.label,
                                          command_.path(), error.what()));
        }
      }
    }
    slots_.emplace(declared.key, std::move(slot));
  }
  if (!given.empty())
    throw InternalError(
        fmt::format("'{}' was given {}, which it does not declare", command_.path(), given.begin()->first));
}

const Invocation::Slot& Invocation::slot(std::string_view key, std::string_view accessor) const {
  const auto found = slots_.find(key);
  if (found == slots_.end())
    throw InternalError(fmt::format("'{}' asked for '{}' ({}), which the command does not declare",
                                    command_.path(), key, accessor));
  return found->second;
}

template <class T>
T Invocation::typed(std::string_view key, std::string_view accessor,
                    std::initializer_list<ValueType> types) const {
  const Slot& found = slot(key, accessor);
  if (std::find(types.begin(), types.end(), found.type) == types.end())
    throw InternalError(fmt::format("'{}' read '{}' as a {}, but it is declared a {}", command_.path(), key,
                                    accessor, type_name(found.type)));
  if (const T* value = std::get_if<T>(&found.value)) return *value;
  throw InternalError(fmt::format("'{}' read '{}', which has no value and no default (check given() first)",
                                  command_.path(), key));
}

bool Invocation::given(std::string_view key) const { return !slot(key, "given").spelled.empty(); }

std::size_t Invocation::flag_count(std::string_view key) const {
  const Slot& found = slot(key, "flag");
  if (found.type != ValueType::flag)
    throw InternalError(fmt::format("'{}' read '{}' as a flag, but it is declared a {}", command_.path(), key,
                                    type_name(found.type)));
  return found.spelled.size();
}

std::string Invocation::text(std::string_view key) const {
  const Slot& found = slot(key, "text");
  if (found.type == ValueType::flag)
    throw InternalError(fmt::format("'{}' read the flag '{}' as text", command_.path(), key));
  return found.spelled.empty() ? std::string(found.default_value) : found.spelled.back();
}

std::vector<std::string> Invocation::texts(std::string_view key) const {
  const Slot& found = slot(key, "texts");
  if (found.type == ValueType::flag)
    throw InternalError(fmt::format("'{}' read the flag '{}' as texts", command_.path(), key));
  if (!found.spelled.empty()) return found.spelled;
  if (found.default_value.empty()) return {};
  return {std::string(found.default_value)};
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

std::uint64_t Invocation::count(std::string_view key) const {
  return typed<std::uint64_t>(key, "count", {ValueType::count, ValueType::integer, ValueType::pid});
}
std::uint64_t Invocation::size(std::string_view key) const {
  return typed<std::uint64_t>(key, "size", {ValueType::size});
}
std::chrono::nanoseconds Invocation::duration(std::string_view key) const {
  return typed<std::chrono::nanoseconds>(key, "duration", {ValueType::duration});
}
mode_t Invocation::mode(std::string_view key) const { return typed<mode_t>(key, "mode", {ValueType::mode}); }
double Invocation::number(std::string_view key) const {
  return typed<double>(key, "number", {ValueType::number});
}

} // namespace ipcdemo
