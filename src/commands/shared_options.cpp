// SPDX-License-Identifier: MIT
#include "commands/shared_options.hpp"

namespace ipcdemo::commands {

OptionSpec count_option(std::string_view help, std::string_view default_value) {
  return {.flags = "-c,--count", .type = ValueType::count, .help = help, .default_value = default_value};
}

OptionSpec interval_option(std::string_view help, std::string_view default_value) {
  return {
      .flags = "-i,--interval", .type = ValueType::duration, .help = help, .default_value = default_value};
}

OptionSpec timeout_option(std::string_view help) {
  return {.flags = "-t,--timeout", .type = ValueType::duration, .help = help};
}

OptionSpec nonblock_option(std::string_view help) {
  return {.flags = "--nonblock", .type = ValueType::flag, .help = help};
}

OptionSpec json_option(std::string_view help) {
  return {.flags = "-j,--json", .type = ValueType::flag, .help = help};
}

} // namespace ipcdemo::commands
