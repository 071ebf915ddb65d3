// SPDX-License-Identifier: MIT
#include "app/dispatch.hpp"

#include "app/install_links.hpp"
#include "base/error.hpp"
#include "base/escape.hpp"
#include "base/log.hpp"
#include "base/output.hpp"
#include "base/signals.hpp"
#include "cli/command_line.hpp"
#include "cli/diagnose.hpp"
#include "cli/option_names.hpp"
#include "cli/spec.hpp"
#include "completion/complete.hpp"
#include "docs/man_page.hpp"
#include "sys/strace.hpp"
#include "sys/terminal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <new>
#include <string_view>
#include <system_error>

namespace ipcdemo {

namespace {

std::string_view basename_of(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// A binary renamed to something that starts with "ipcdemo" (ipcdemo.static,
// ipcdemo-1.2) is still ipcdemo. A name of git's form ipcdemo-GROUP-ACTION is
// meant as a tool even when the action is misspelt: that one is not found.
bool runs_as_ipcdemo(std::string_view program) {
  if (!program.starts_with("ipcdemo")) return false;
  constexpr std::string_view prefix = "ipcdemo-";
  if (!program.starts_with(prefix)) return true;
  const std::string_view rest = program.substr(prefix.size());
  for (const auto& group : registry())
    if (rest.starts_with(group.name) && rest.substr(group.name.size()).starts_with('-')) return false;
  return true;
}

// The arguments as `ipcdemo GROUP ACTION ...` would see them, or nothing when
// argv[0] names no tool.
std::optional<std::vector<std::string>> arguments_for(std::string_view program, int argc, char** argv,
                                                      const std::vector<CommandRef>& commands) {
  std::vector<std::string> args;
  if (program != "ipcdemo") {
    if (const CommandRef* tool = find_tool(program, commands)) {
      args.emplace_back(tool->group->name);
      args.emplace_back(tool->command->action);
    } else if (!runs_as_ipcdemo(program)) {
      return std::nullopt;
    }
  }
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  return args;
}

// -v and -q move the level from its base (IPCDEMO_LOG_LEVEL or info) one step each;
// --log-level sets it outright.
void apply_log_options(const cli::GlobalOptions& globals) {
  if (globals.log_time) log::set_timestamps(true);
  if (globals.level) {
    log::set_level(*globals.level);
    return;
  }
  const int step = static_cast<int>(globals.quiet) - static_cast<int>(globals.verbose);
  if (step == 0) return;
  const int level = std::clamp(static_cast<int>(log::level()) + step, static_cast<int>(log::Level::trace),
                               static_cast<int>(log::Level::error));
  log::set_level(static_cast<log::Level>(level));
}

// The group a run's words name, built alone: describing every group costs a
// start-up about a third of its instructions. Empty when they name none (help,
// a typo, the build's plumbing): then every group is built.
std::span<const GroupSpec> named_group(std::string_view program, int argc, char** argv) {
  if (program != "ipcdemo") {
    std::string_view tool = program; // shm-produce, ipcdemo-shm-produce
    if (tool.starts_with("ipcdemo-")) tool.remove_prefix(std::string_view("ipcdemo-").size());
    if (const auto group = group_named(tool.substr(0, tool.find('-'))); !group.empty()) return group;
    if (!program.starts_with("ipcdemo")) return {};
  }
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (!word.starts_with('-')) return group_named(word);
    if (cli::global_takes_next(word)) ++i;
  }
  return {};
}

// Parses against the named group's commands alone; a usage error is diagnosed
// again against every command, so that "did you mean" looks across groups.
cli::CommandLine parse(const std::vector<std::string>& args, const std::vector<CommandRef>& commands,
                       bool narrowed) {
  if (narrowed) {
    try {
      return cli::parse(args, commands);
    } catch (const UsageError&) {
    }
  }
  return cli::parse(args, all_commands());
}

int run(int argc, char** argv) {
  // The shells' completion scripts call back here, through ipcdemo or any tool link.
  if (argc > 1 && std::string_view(argv[1]) == "__complete") {
    fmt::print("{}", completion::format(completion::complete({argv + 2, argv + argc}, registry())));
    return exit_code::ok;
  }
  const std::string_view program = basename_of(argc > 0 ? argv[0] : "ipcdemo");
  const auto group = named_group(program, argc, argv);
  const auto commands = all_commands(group.empty() ? registry() : group);
  const auto args = arguments_for(program, argc, argv, commands);
  if (!args) {
    // As POSIX shells do for a command not found: exit 127.
    fmt::print(stderr, "ipcdemo: {}\n", cli::unknown_tool_message(program, tool_names()));
    return exit_code::not_found;
  }

  // Hidden plumbing for the build's generators, outside the registry on purpose.
  if (!args->empty() && args->front() == "__man") {
    const std::string page = args->size() > 1 ? (*args)[1] : "";
    const std::string part = args->size() > 2 ? (*args)[2] : "";
    const std::string sections =
        page == "--pages" ? docs::man_pages(registry()) : docs::man_sections_for(page, part, registry());
    if (sections.empty())
      throw UsageError(fmt::format(
          "__man: usage: __man --pages | __man ipcdemo|GROUP synopsis|body | __man GROUP name|description"));
    fmt::print("{}", sections);
    return exit_code::ok;
  }

  cli::CommandLine line = parse(*args, commands, !group.empty());
  if (line.finished) return *line.finished;
  apply_log_options(line.globals);

  const bool top_level_action = line.globals.list || line.globals.install_dir;
  if (top_level_action && line.invocation)
    throw UsageError("--list and --install go alone, without a command");
  if (line.globals.list) {
    for (const auto& name : tool_names()) fmt::print("{}\n", name);
    return exit_code::ok;
  }
  if (line.globals.install_dir)
    return install_links(*line.globals.install_dir, self_executable(), tool_names());
  if (!line.invocation) {
    fmt::print(stderr, "{}", cli::overview(all_commands()));
    return exit_code::usage;
  }
  const CommandSpec& command = *line.invocation->command().command;
  if (command.show_c != nullptr && line.invocation->flag("show-c")) {
    if (line.globals.strace)
      throw UsageError(
          "--show-c prints a program instead of running the command: --strace has nothing to trace",
          "compile the program and run it under strace(1) yourself");
    // The values were checked as for a run; the command's show_c makes the checks its
    // handler would (--try with --timeout, say) before it writes the program.
    fmt::print("{}", command.show_c(*line.invocation));
    return exit_code::ok;
  }
  if (line.globals.strace) {
    if (!command.strace_follows.empty() && line.invocation->given(command.strace_follows))
      sys::trace_started_program();
    else if (const auto traced_status = sys::fork_under_strace())
      return *traced_status; // the parent
  }
  return command.handler(*line.invocation);
}

// The user's own Ctrl-C needs no error line: the command said what it did, and
// the shell shows ^C. A signal sent by someone else is reported.
int report_interrupted(const Interrupted& interrupted) {
  if (interrupted.signo() == SIGINT && signals::from_terminal()) {
    std::fflush(stdout);
    return interrupted.exit_code();
  }
  return output::report(interrupted);
}

} // namespace

int main(int argc, char** argv) {
  log::set_width_source(&sys::stderr_columns); // asked only when a line is logged
  log::init();
  signals::install();
  output::take_stdout();
  int status = exit_code::ok;
  try {
    status = run(argc, argv);
    output::finish();
    // A signal that came during the last steps, after the command's last check:
    // the work is done, but the exit status says the command was asked to stop.
    if (const int signo = signals::pending(); signo != 0 && status == exit_code::ok)
      return report_interrupted(Interrupted(signo));
  } catch (const BrokenPipe&) {
    // The reader of our output left: end quietly, as cat does.
    return exit_code::ok;
  } catch (const Interrupted& interrupted) {
    return report_interrupted(interrupted);
  } catch (const Error& error) {
    return output::report(error);
  } catch (const std::system_error& error) {
    // fmt::print throws this when writing to stdout fails; a signal may have cut it short.
    if (const int signo = signals::pending(); signo != 0) return report_interrupted(Interrupted(signo));
    if (error.code().value() == EPIPE) return exit_code::ok;
    return output::report(SysError("write", "standard output", error.code().value()));
  } catch (const std::bad_alloc&) {
    // Not a bug: a limit (ulimit -v, a cgroup) or a full machine. Nothing is
    // allocated to say so: Error's strings could fail the same way.
    output::error_line("out of memory; if a limit is set (ulimit -v, a cgroup's memory.max), raise it");
    return exit_code::failure;
  } catch (const std::exception& error) {
    return output::report(InternalError(escape::line(error.what())));
  }
  return status;
}

} // namespace ipcdemo
