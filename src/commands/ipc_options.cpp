#include "commands/ipc_options.hpp"

#include "ipc_name.hpp"
#include "log.hpp"

#include <fcntl.h>

namespace ipcdemo::commands {

ArgumentSpec name_argument(ObjectKind kind) {
  return {.name = "NAME",
          .type = ValueType::object,
          .help = "Object name; a leading / is added when missing",
          .default_value = default_ipc_name(kind),
          .object = kind};
}

OptionSpec exclusive_option() {
  return {.flags = "-x,--exclusive",
          .type = ValueType::flag,
          .help = "Fail (EEXIST, exit 1) if the object exists, instead of opening it"};
}

OptionSpec mode_option() {
  return {.flags = "-m,--mode",
          .type = ValueType::mode,
          .help = "Permission bits of a new object, in octal (the umask still applies)",
          .default_value = "0600"};
}

std::string object_name(const Invocation& invocation, ObjectKind kind) {
  return normalize_ipc_name(invocation.text("NAME"), kind);
}

int create_flags(const Invocation& invocation) {
  return O_CREAT | (invocation.flag("exclusive") ? O_EXCL : 0);
}

void warn_existing(std::string_view kind_label, std::string_view name,
                   const std::vector<std::string>& not_applied) {
  if (not_applied.empty())
    log::warn("{} {} already existed: opened it", kind_label, name);
  else
    log::warn(
        "{} {} already existed: opened it; not applied: {} (use --exclusive to fail instead, or unlink it "
        "first)",
        kind_label, name, fmt::join(not_applied, ", "));
}

} // namespace ipcdemo::commands
