// SPDX-License-Identifier: MIT
#include "cli/command_line.hpp"

#include "base/error.hpp"
#include "base/escape.hpp"
#include "base/wrap.hpp"
#include "cli/cli11.hpp"
#include "cli/diagnose.hpp"
#include "cli/globals.hpp"
#include "cli/help_text.hpp"
#include "cli/mentions.hpp"
#include "cli/option_names.hpp"
#include "sys/terminal.hpp"
#include "version.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

namespace ipcdemo::cli {

namespace {

std::string command_footer(const CommandSpec& command) {
  std::string footer;
  if (command.examples.size() > 0) {
    footer += "Examples:\n";
    for (const auto& example : command.examples) footer += fmt::format("  {}\n", example);
    footer += "\n";
  }
  footer += help::pointer_to_top;
  return footer;
}

std::string top_footer() {
  std::string footer =
      "Every GROUP ACTION pair is also a tool name: a link named shm-produce (or\n"
      "ipcdemo-shm-produce) to this binary runs 'ipcdemo shm produce'. --list prints\n"
      "the tool names, --install DIR creates the links.\n\nExamples:\n";
  footer += help::top_examples;
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

// The terminal's width on standard output (else COLUMNS, else 80), 40 to 80.
std::size_t help_width() { return static_cast<std::size_t>(sys::prose_width()); }

// CLI11 shows an app's description both atop its own help and in its parent's
// list of subcommands. The list should carry the one-line summary only, so the
// long description is kept here and added when the app's own help is made.
class HelpFormatter : public CLI::Formatter {
 public:
  void set_long_description(const CLI::App* app, std::string_view text) {
    long_text_[app] = std::string(text);
  }

  std::string make_description(const CLI::App* app) const override {
    std::string text = reflow(app->get_description(), width());
    if (const auto found = long_text_.find(app); found != long_text_.end() && !found->second.empty())
      text += "\n" + reflow(found->second, width());
    return text + "\n";
  }

  // Every row of options, positionals and subcommands fits the width: the
  // description column wraps instead of running past the terminal's edge.
  std::string make_option(const CLI::Option* option, bool is_positional) const override {
    return row(make_option_name(option, is_positional) + make_option_opts(option), make_option_desc(option));
  }

  std::string make_subcommand(const CLI::App* sub) const override {
    return row(sub->get_display_name(true), sub->get_description());
  }

  std::string make_footer(const CLI::App* app) const override {
    const std::string footer = app->get_footer();
    return footer.empty() ? std::string() : reflow(footer, width()) + "\n";
  }

 private:
  static std::size_t width() { return help_width(); }

  std::string row(const std::string& name, const std::string& description) const {
    // On a narrow terminal the description keeps at least half of it.
    const std::size_t column = std::min(get_column_width(), width() / 2);
    std::string out;
    std::string last = "  "; // the name's last line
    // A name wider than the width is a long list of choices: broken after a |.
    for (std::size_t at = 0; at < name.size();) {
      const std::size_t bar = name.find('|', at);
      const std::size_t end = bar == std::string::npos ? name.size() : bar + 1;
      const std::string piece = name.substr(at, end - at);
      if (display_width(last) + display_width(piece) > width() && last.size() > 6) {
        out += last + "\n";
        last = "      ";
      }
      last += piece;
      at = end;
    }
    out += last;
    if (description.empty()) return out + "\n";
    const std::string indent(column, ' ');
    if (display_width(last) >= column)
      out += "\n" + indent;
    else
      out += std::string(column - display_width(last), ' ');
    // Each line of the description in the column, the first beside the name.
    bool first = true;
    std::string_view rest = description;
    while (!rest.empty()) {
      const std::size_t end = rest.find('\n');
      for (const auto& line : wrap(rest.substr(0, end), width(), indent, indent)) {
        out += (first ? line.substr(column) : line) + "\n";
        first = false;
      }
      rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    }
    return out;
  }

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
    if (command.examples.size() > 0) footer += fmt::format("  {}\n", *command.examples.begin());
  footer += fmt::format("\nRun 'ipcdemo {} ACTION --help' for an action's options.\n\n", group.name);
  footer += help::pointer_to_top;
  return footer;
}

BoundCommand bind_command(CLI::App& app, HelpFormatter& formatter, const CommandRef& ref,
                          const Mentions& mentions) {
  const CommandSpec& command = *ref.command;
  describe(app, formatter, command.summary, command.description);
  app.footer([&command] { return command_footer(command); });
  BoundCommand bound{&ref, &app, {}};
  for (const auto& spec : command.all_options()) {
    if (!mentions.binds(spec.flags)) continue;
    const bool is_flag = spec.type == ValueType::flag;
    const std::string help(spec.help);
    CLI::Option* option =
        is_flag ? app.add_flag(std::string(spec.flags), help) : app.add_option(std::string(spec.flags), help);
    if (!is_flag) {
      option->type_name(value_placeholder(spec.type, spec.choices));
      option->multi_option_policy(spec.many ? CLI::MultiOptionPolicy::TakeAll
                                            : CLI::MultiOptionPolicy::TakeLast);
    }
    // "(default: racy)" in the text, not CLI11's "racy|atomic|sem=racy", which reads as "sem=racy".
    if (!spec.default_value.empty())
      option->description(fmt::format("{} (default: {})", help, spec.default_value));
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
  Invocation::Given given;
  for (const auto& binding : bound.bindings) {
    if (binding.option->count() == 0) continue;
    if (binding.is_flag)
      given[binding.key] = std::vector<std::string>(binding.option->count(), "1");
    else
      given[binding.key] = binding.option->results();
  }
  return Invocation(*bound.ref, std::move(given));
}

// The deepest (sub)command the words selected: the command that was run.
const CLI::App& entered_app(const CLI::App& app) {
  const CLI::App* current = &app;
  while (!current->get_subcommands().empty()) current = current->get_subcommands().front();
  return *current;
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

// "unexpected arguments 'a', 'b', ''; it takes only NAME": CLI11's own text lists
// them backwards, joined by spaces, so an empty one or one with a space is lost.
std::string extras_message(const CLI::App& app, const CLI::App& command, const std::string& cli11_text) {
  // The words no subcommand took are left with the top-level app, with the "--"
  // that ended the options among them (CLI11 keeps it as a marker): not an argument.
  std::vector<std::string> extras = app.remaining(true);
  std::erase(extras, "--");
  if (extras.empty()) return cli11_text;
  std::string listed;
  for (const auto& extra : extras)
    listed += fmt::format("{}'{}'", listed.empty() ? "" : ", ", escape::visible(extra));
  std::string takes;
  for (const CLI::Option* positional :
       command.get_options([](const CLI::Option* o) { return o->get_positional(); }))
    takes += (takes.empty() ? "" : " ") + positional->get_name();
  return fmt::format("unexpected argument{} {}; {}", extras.size() == 1 ? "" : "s", listed,
                     takes.empty() ? "it takes no arguments" : "it takes only " + takes);
}

struct Tree {
  CLI::App app{"", "ipcdemo"};
  std::shared_ptr<HelpFormatter> formatter = std::make_shared<HelpFormatter>();
  CLI::Option* verbose = nullptr;
  CLI::Option* quiet = nullptr;
  CLI::Option* level = nullptr;
  CLI::Option* list = nullptr;
  CLI::Option* install = nullptr;
  CLI::Option* strace = nullptr;
  CLI::Option* log_time = nullptr;
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
      skip_value = global_takes_next(arg);
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

// The command `focus` names, if it names one.
const CommandSpec* focused_command(const std::vector<CommandRef>& commands, const Focus& focus) {
  for (const auto& ref : commands)
    if (ref.group->name == focus.group &&
        (ref.command->action == focus.action || ref.group->is_single_command()))
      return ref.command;
  return nullptr;
}

// Builds only what parsing these arguments needs: binding every option of every
// command costs more than the rest of a start-up (hundreds of small allocations),
// and a busybox-style tool is started thousands of times. Without a named group,
// the groups are listed (for help) but their commands are not built; with one,
// only the options the words name are bound (see Mentions).
std::unique_ptr<Tree> build(const std::vector<CommandRef>& commands, const std::vector<std::string>& args) {
  const Focus focus = find_focus(args, commands);
  const Mentions mentions(args, focus.group.empty() ? nullptr : focused_command(commands, focus));
  auto tree = std::make_unique<Tree>();
  CLI::App& app = tree->app;
  app.formatter(tree->formatter);
  app.description(
      "ipcdemo - explore POSIX inter-process communication from a shell:\n"
      "file mappings, shared memory, named semaphores and message queues.");
  const auto text = [](std::string_view view) { return std::string(view); };
  // No help flag at the top means none in the subcommands either: they copy it.
  app.set_help_flag(mentions.binds(global::help.flags) ? text(global::help.flags) : "",
                    text(global::help.help));
  if (mentions.binds(global::version.flags))
    app.set_version_flag(text(global::version.flags), "ipcdemo " IPCDEMO_VERSION, text(global::version.help));
  const auto bind_global = [&](const GlobalOption& global) -> CLI::Option* {
    if (!mentions.binds(global.flags)) return nullptr;
    // add_flag and add_option take the help text as a const lvalue (an rvalue picks a binding overload).
    const std::string help = text(global.help);
    if (global.placeholder.empty()) return app.add_flag(text(global.flags), help);
    return app.add_option(text(global.flags), help)->type_name(text(global.placeholder));
  };
  tree->verbose = bind_global(global::verbose);
  tree->quiet = bind_global(global::quiet);
  tree->level = bind_global(global::log_level);
  tree->list = bind_global(global::list);
  tree->install = bind_global(global::install);
  tree->strace = bind_global(global::strace);
  tree->log_time = bind_global(global::log_time);
  app.footer(top_footer);
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
    tree->commands.push_back(bind_command(*command_app, *tree->formatter, ref, mentions));
  }
  return tree;
}

} // namespace

std::string overview(const std::vector<CommandRef>& commands) {
  std::string text =
      "ipcdemo - explore POSIX inter-process communication from a shell:\n"
      "file mappings, shared memory, named semaphores and message queues.\n\n"
      "Usage: ipcdemo GROUP [ACTION] [OPTIONS] [ARGS]   (or a link named GROUP-ACTION)\n\nGroups:\n";
  const GroupSpec* last = nullptr;
  for (const auto& ref : commands)
    if (ref.group != last) {
      last = ref.group;
      text += fmt::format("  {:<11} {}\n", ref.group->name, ref.group->summary);
    }
  text += "\nStart with:\n";
  text += help::first_steps;
  text +=
      "\nMore: 'ipcdemo --help' (options, examples, exit codes), 'ipcdemo GROUP --help',\n"
      "'ipcdemo help GROUP ACTION', 'man ipcdemo'.\n";
  // Filled to the terminal (80 columns at most): a row too wide continues under
  // its own text column, as in --help.
  return reflow(text, help_width());
}

namespace {

// The tree of the last parse, kept rather than torn down: a run ends soon after
// its command line is parsed, and destroying CLI11's apps and options was 6% of
// the instructions of `shm consume NAME -c 1 -i 0`. It stays reachable (not a
// leak), and a later parse (the unit tests parse many) frees the one before.
Tree* kept_tree = nullptr;

Tree& keep(std::unique_ptr<Tree> tree) {
  delete kept_tree;
  kept_tree = tree.release();
  return *kept_tree;
}

} // namespace

CommandLine parse(const std::vector<std::string>& given, const std::vector<CommandRef>& commands) {
  const std::vector<std::string> args = rewrite_help(given, commands);
  Tree* const tree = &keep(build(commands, args));
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
    // `ipcdemo shn --help` (or `help shn`) should not answer with the top-level help.
    if (auto better = diagnose(args, commands)) throw UsageError(*better);
    fmt::print("{}", app.help());
    result.finished = exit_code::ok;
    return result;
  } catch (const CLI::ExtrasError& error) {
    if (auto better = diagnose(args, commands)) throw UsageError(*better);
    const std::string where = entered_path(app);
    const std::string message = extras_message(app, entered_app(app), error.what());
    throw UsageError(where.empty() ? message : fmt::format("{}: {}", where.substr(1), message),
                     fmt::format("see 'ipcdemo{} --help'", where));
  } catch (const CLI::ParseError& error) {
    if (auto better = diagnose(args, commands)) throw UsageError(*better);
    const std::string where = entered_path(app);
    throw UsageError(where.empty() ? error.what() : fmt::format("{}: {}", where.substr(1), error.what()),
                     fmt::format("see 'ipcdemo{} --help'", where));
  }

  GlobalOptions& globals = result.globals;
  // An option not bound was not named.
  const auto count = [](const CLI::Option* option) { return option == nullptr ? 0 : option->count(); };
  globals.verbose = count(tree->verbose);
  globals.quiet = count(tree->quiet);
  if (count(tree->level) > 0) {
    const std::string text = tree->level->as<std::string>();
    globals.level = log::parse_level(text);
    if (!globals.level)
      throw UsageError(
          fmt::format("--log-level: '{}' is not one of: trace, debug, info, warn, error, off", text));
  }
  globals.list = count(tree->list) > 0;
  if (count(tree->install) > 0) globals.install_dir = tree->install->as<std::string>();
  globals.strace = count(tree->strace) > 0;
  globals.log_time = count(tree->log_time) > 0;

  for (const auto& bound : tree->commands) {
    if (!bound.app->parsed()) continue;
    if (bound.app->get_subcommands().empty()) {
      result.invocation.emplace(collect(bound)); // validates every value
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
