#include "commands/ipc_options.hpp"

#include "base/log.hpp"
#include "ipc/name.hpp"

#include <fcntl.h>
#include <sys/stat.h>

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
          .help = "Permission bits of a new object, in octal, 0 to 0777 (the umask still applies)",
          .default_value = "0600"};
}

std::string object_name(const Invocation& invocation, ObjectKind kind) {
  return normalize_ipc_name(invocation.text("NAME"), kind);
}

int create_flags(const Invocation& invocation) {
  return O_CREAT | (invocation.flag("exclusive") ? O_EXCL : 0);
}

std::optional<std::string> mode_not_applied(mode_t requested, mode_t actual) {
  // umask() can only be read by setting it; set it straight back.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  const mode_t would_have = requested & ~mask & 07777;
  if (would_have == (actual & 07777)) return std::nullopt;
  return fmt::format("--mode {:04o} (it has {:04o})", requested, actual & 07777);
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
