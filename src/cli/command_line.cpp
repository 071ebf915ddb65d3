#include "cli/command_line.hpp"

#include "base/error.hpp"
#include "cli/cli11.hpp"
#include "cli/help_text.hpp"
#include "version.hpp"

#include <fmt/format.h>

#include <memory>

namespace ipcdemo::cli {

namespace {

std::string command_footer(const CommandSpec& command) {
  std::string footer;
  if (!command.examples.empty()) {
    footer += "Examples:\n";
    for (const auto& example : command.examples) footer += fmt::format("  {}\n", example);
    footer += "\n";
  }
  footer += help::global_options_note;
  footer += "\nExit status:\n";
  footer += help::exit_status;
  return footer;
}

std::string top_footer(const std::vector<CommandRef>& commands) {
  std::string footer =
      "Every GROUP ACTION pair is also a tool name: a link named shm-produce (or\n"
      "ipcdemo-shm-produce) to this binary runs 'ipcdemo shm produce'. --list prints\n"
      "the tool names, --install DIR creates the links.\n\nExamples:\n";
  for (const auto& ref : commands)
    for (const auto& example : ref.command->examples) {
      footer += fmt::format("  {}\n", example);
      break; // the first example of each command is enough here
    }
  footer += "\nExit status:\n";
  footer += help::exit_status;
  footer += "\nEnvironment:\n";
  footer += help::environment;
  return footer;
}

// An option or argument of the selected command, and where CLI11 keeps its results.
struct Binding {
  std::string key;
  CLI::Option* option;
  bool is_flag;
};

struct BoundCommand {
  const CommandRef* ref;
  CLI::App* app;
  std::vector<Binding> bindings;
};

// CLI11 shows an app's description both atop its own help and in its parent's
// list of subcommands. The list should carry the one-line summary only, so the
// long description is kept here and added when the app's own help is made.
class HelpFormatter : public CLI::Formatter {
 public:
  void set_long_description(const CLI::App* app, std::string_view text) {
    long_text_[app] = std::string(text);
  }

  std::string make_description(const CLI::App* app) const override {
    std::string text = app->get_description() + "\n";
    if (const auto found = long_text_.find(app); found != long_text_.end() && !found->second.empty())
      text += "\n" + found->second + "\n";
    return text + "\n";
  }

 private:
  std::map<const CLI::App*, std::string> long_text_;
};

void describe(CLI::App& app, HelpFormatter& formatter, std::string_view summary,
              std::string_view description) {
  app.description(std::string(summary));
  formatter.set_long_description(&app, description);
  app.fallthrough(); // global options may come after the command
}

std::string group_footer(const GroupSpec& group) {
  std::string footer = "Examples:\n";
  for (const auto& command : group.commands)
    if (!command.examples.empty()) footer += fmt::format("  {}\n", command.examples.front());
  footer += fmt::format("\nRun 'ipcdemo {} ACTION --help' for an action's options.\n\n", group.name);
  footer += help::global_options_note;
  return footer;
}

BoundCommand bind_command(CLI::App& app, HelpFormatter& formatter, const CommandRef& ref) {
  const CommandSpec& command = *ref.command;
  describe(app, formatter, command.summary, command.description);
  app.footer([&command] { return command_footer(command); });
  BoundCommand bound{&ref, &app, {}};
  for (const auto& spec : command.options) {
    const bool is_flag = spec.type == ValueType::flag;
    const std::string help(spec.help);
    CLI::Option* option =
        is_flag ? app.add_flag(std::string(spec.flags), help) : app.add_option(std::string(spec.flags), help);
    if (!is_flag) {
      option->type_name(value_placeholder(spec.type, spec.choices));
      option->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
      if (!spec.default_value.empty()) option->default_str(std::string(spec.default_value));
    }
    bound.bindings.push_back({std::string(spec.key()), option, is_flag});
  }
  for (const auto& spec : command.arguments) {
    const std::string help = spec.default_value.empty()
                                 ? std::string(spec.help)
                                 : fmt::format("{} (default: {})", spec.help, spec.default_value);
    CLI::Option* option = app.add_option(std::string(spec.name), help);
    option->type_name("");
    if (spec.many) option->expected(0, CLI::detail::expected_max_vector_size)->allow_extra_args();
    bound.bindings.push_back({std::string(spec.name), option, false});
  }
  return bound;
}

Invocation collect(const BoundCommand& bound) {
  std::map<std::string, std::vector<std::string>, std::less<>> given;
  for (const auto& binding : bound.bindings) {
    if (binding.option->count() == 0) continue;
    if (binding.is_flag)
      given[binding.key] = std::vector<std::string>(binding.option->count(), "1");
    else
      given[binding.key] = binding.option->results();
  }
  return Invocation(*bound.ref, std::move(given));
}

// The path of subcommands CLI11 had entered when it stopped ("shm produce"), for hints.
std::string entered_path(const CLI::App& app) {
  std::string path;
  const CLI::App* current = &app;
  for (;;) {
    const auto selected = current->get_subcommands();
    if (selected.empty()) break;
    current = selected.front();
    path += " " + current->get_name();
  }
  return path;
}

struct Tree {
  CLI::App app{"", "ipcdemo"};
  std::shared_ptr<HelpFormatter> formatter = std::make_shared<HelpFormatter>();
  CLI::Option* verbose = nullptr;
  CLI::Option* quiet = nullptr;
  CLI::Option* level = nullptr;
  CLI::Option* list = nullptr;
  CLI::Option* install = nullptr;
  std::vector<std::pair<const GroupSpec*, CLI::App*>> groups;
  std::vector<BoundCommand> commands;
};

// The command the arguments name, found before CLI11 sees them: `group` is empty
// when no group is named, `action` when the group has no action yet.
struct Focus {
  std::string_view group;
  std::string_view action;
};

Focus find_focus(const std::vector<std::string>& args, const std::vector<CommandRef>& commands) {
  Focus focus;
  bool skip_value = false;
  for (const auto& arg : args) {
    if (skip_value) {
      skip_value = false;
      continue;
    }
    if (arg.starts_with("-")) {
      // Only the top-level options that take a value can come before the command.
      skip_value = arg == "--log-level" || arg == "--install";
      continue;
    }
    for (const auto& ref : commands) {
      if (focus.group.empty() && ref.group->name == arg) {
        focus.group = ref.group->name;
        break;
      }
      if (!focus.group.empty() && ref.group->name == focus.group && ref.command->action == arg)
        return {focus.group, ref.command->action};
    }
    if (focus.group.empty() || focus.group != arg) return focus;
  }
  return focus;
}

// Builds only what parsing these arguments needs: binding every option of every
// command costs more than the rest of a start-up (hundreds of small allocations),
// and a busybox-style tool is started thousands of times. Without a named group,
// the groups are listed (for help) but their commands are not built.
std::unique_ptr<Tree> build(const std::vector<CommandRef>& commands, const Focus& focus = {}) {
  auto tree = std::make_unique<Tree>();
  CLI::App& app = tree->app;
  app.formatter(tree->formatter);
  app.description(
      "ipcdemo - explore POSIX inter-process communication from a shell:\n"
      "file mappings, shared memory, named semaphores and message queues.");
  app.set_help_flag("-h,--help", "Show help (for a group or command: its help) and exit");
  app.set_version_flag("-V,--version", "ipcdemo " IPCDEMO_VERSION, "Show the version and exit");
  const std::string verbose_help = "More log output: -v narrates system calls, -vv traces";
  const std::string quiet_help = "Less log output: -q warnings and errors, -qq errors only";
  const std::string list_help = "Print every tool name, one a line";
  tree->verbose = app.add_flag("-v,--verbose", verbose_help);
  tree->quiet = app.add_flag("-q,--quiet", quiet_help);
  tree->level =
      app.add_option("--log-level", "Log level: trace, debug, info, warn, error or off")->type_name("LEVEL");
  tree->list = app.add_flag("--list", list_help);
  tree->install = app.add_option("--install", "Create a link per tool name in DIR, pointing at this binary")
                      ->type_name("DIR");
  app.footer([&commands] { return top_footer(commands); });
  app.require_subcommand(0, 1);

  const GroupSpec* current_group = nullptr;
  CLI::App* group_app = nullptr;
  for (const auto& ref : commands) {
    if (!focus.group.empty() && ref.group->name != focus.group) continue;
    if (ref.group != current_group) {
      current_group = ref.group;
      group_app = app.add_subcommand(std::string(ref.group->name), std::string(ref.group->summary));
      describe(*group_app, *tree->formatter, ref.group->summary, ref.group->description);
      if (!ref.group->is_single_command())
        group_app->footer([group = ref.group] { return group_footer(*group); });
      group_app->require_subcommand(0, 1);
      tree->groups.emplace_back(ref.group, group_app);
    }
    if (focus.group.empty() && !ref.command->action.empty()) continue; // listing groups only
    if (!focus.action.empty() && ref.command->action != focus.action) continue;
    CLI::App* command_app =
        ref.command->action.empty()
            ? group_app
            : group_app->add_subcommand(std::string(ref.command->action), std::string(ref.command->summary));
    tree->commands.push_back(bind_command(*command_app, *tree->formatter, ref));
  }
  return tree;
}

} // namespace

std::string top_level_help(const std::vector<CommandRef>& commands) { return build(commands)->app.help(); }

CommandLine parse(const std::vector<std::string>& args, const std::vector<CommandRef>& commands) {
  auto tree = build(commands, find_focus(args, commands));
  CLI::App& app = tree->app;
  std::vector<const char*> argv{"ipcdemo"};
  for (const auto& arg : args) argv.push_back(arg.c_str());

  CommandLine result;
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::CallForVersion& version) {
    fmt::print("{}\n", version.what());
    result.finished = exit_code::ok;
    return result;
  } catch (const CLI::CallForAllHelp&) {
    fmt::print("{}", app.help("", CLI::AppFormatMode::All));
    result.finished = exit_code::ok;
    return result;
  } catch (const CLI::CallForHelp&) { // the help of the group or command named
    fmt::print("{}", app.help());
    result.finished = exit_code::ok;
    return result;
  } catch (const CLI::ParseError& error) {
    const std::string where = entered_path(app);
    throw UsageError(where.empty() ? error.what() : fmt::format("{}: {}", where.substr(1), error.what()),
                     fmt::format("see 'ipcdemo{} --help'", where));
  }

  GlobalOptions& globals = result.globals;
  globals.verbose = tree->verbose->count();
  globals.quiet = tree->quiet->count();
  if (tree->level->count() > 0) {
    const std::string text = tree->level->as<std::string>();
    globals.level = log::parse_level(text);
    if (!globals.level)
      throw UsageError(
          fmt::format("--log-level: '{}' is not one of: trace, debug, info, warn, error, off", text));
  }
  globals.list = tree->list->count() > 0;
  if (tree->install->count() > 0) globals.install_dir = tree->install->as<std::string>();

  for (const auto& bound : tree->commands) {
    if (!bound.app->parsed()) continue;
    if (bound.app->get_subcommands().empty()) {
      result.invocation.emplace(collect(bound));
      result.invocation->validate();
      return result;
    }
  }
  for (const auto& [group, group_app] : tree->groups) {
    if (!group_app->parsed()) continue;
    std::vector<std::string_view> actions;
    for (const auto& command : group->commands) actions.push_back(command.action);
    throw UsageError(fmt::format("{}: which action? one of: {}", group->name, fmt::join(actions, ", ")),
                     fmt::format("see 'ipcdemo {} --help'", group->name));
  }
  return result;
}

} // namespace ipcdemo::cli
