// SPDX-License-Identifier: MIT
#include "docs/man_page.hpp"

#include "cli/help_text.hpp"

#include <fmt/format.h>

namespace ipcdemo::docs {

namespace {

// "-c,--count" -> "\fB\-c\fR, \fB\-\-count\fR"
std::string option_names(std::string_view flags) {
  std::string out;
  while (!flags.empty()) {
    const auto comma = flags.find(',');
    const std::string_view one = flags.substr(0, comma);
    if (!out.empty()) out += ", ";
    std::string escaped;
    for (const char c : one) escaped += c == '-' ? std::string("\\-") : std::string(1, c);
    out += "\\fB" + escaped + "\\fR";
    flags.remove_prefix(comma == std::string_view::npos ? flags.size() : comma + 1);
  }
  return out;
}

// The widest value placeholder set as a tag, in columns.
constexpr std::size_t long_tag = 40;

// A command line of an example, broken with shell continuations ("\\" at the
// end of a line) so that no line of the page is wider than 80 columns: examples
// are set without filling, indented 15 columns under a command's section.
std::string wrap_example(std::string_view example) {
  constexpr std::size_t width = 62;
  std::string out;
  std::string_view indent;
  while (indent.size() + example.size() > width) {
    const auto space = example.rfind(' ', width - indent.size());
    if (space == std::string_view::npos || space == 0) break;
    out += fmt::format("{}{} \\\n", indent, example.substr(0, space));
    example.remove_prefix(space + 1);
    indent = "  ";
  }
  return out + std::string(indent) + std::string(example);
}

std::string synopsis_line(const GroupSpec& group, const CommandSpec& command) {
  std::string line =
      fmt::format(".B ipcdemo {}{}{}\n", group.name, command.action.empty() ? "" : " ", command.action);
  if (!command.all_options().empty()) line += ".RI [ OPTIONS ]\n";
  for (const auto& argument : command.arguments)
    line += fmt::format(".RI [ {}{} ]\n", argument.name, argument.many ? " ..." : "");
  return line;
}

std::string paragraphs(std::string_view text) {
  // Registry descriptions break lines for the terminal; in roff a line break is
  // only a space, and an empty line a new paragraph.
  std::string out;
  std::string escaped = roff_escape(text);
  std::size_t start = 0;
  while (start <= escaped.size()) {
    const auto end = escaped.find("\n\n", start);
    out += escaped.substr(start, end == std::string::npos ? std::string::npos : end - start);
    out += "\n";
    if (end == std::string::npos) break;
    out += ".PP\n";
    start = end + 2;
  }
  return out;
}

std::string command_section(const GroupSpec& group, const CommandSpec& command) {
  const CommandRef ref{&group, &command};
  std::string out = fmt::format(".SS \"ipcdemo {}\"\n", ref.path());
  out += roff_escape(command.summary) + ".\n";
  if (!command.description.empty()) out += ".PP\n" + paragraphs(command.description);
  for (const auto& argument : command.arguments) {
    out += fmt::format(".TP\n.I {}{}\n{}", argument.name, argument.many ? " ..." : "",
                       roff_escape(argument.help));
    if (!argument.default_value.empty())
      out += fmt::format(" (default: {})", roff_escape(argument.default_value));
    out += "\n";
  }
  for (const auto& option : command.all_options()) {
    std::string value = value_placeholder(option.type, option.choices);
    // A long list of choices (bench --only) is no tag: a word of 200 columns
    // that man can neither fill nor adjust. It is listed after the help.
    const bool long_choices = value.size() > long_tag;
    if (long_choices) value = "CHOICE";
    out += ".TP\n" + option_names(option.flags);
    if (!value.empty()) out += " \\fI" + roff_escape(value) + "\\fR";
    out += "\n" + roff_escape(option.help);
    if (long_choices) {
      std::string listed;
      for (const auto& choice : option.choices) listed += (listed.empty() ? "" : ", ") + std::string(choice);
      out += "; \\fICHOICE\\fR is one of: " + roff_escape(listed);
    }
    if (!option.default_value.empty())
      out += fmt::format(" (default: {})", roff_escape(option.default_value));
    out += "\n";
  }
  if (const std::string tool = ref.tool_name(); !tool.empty())
    out += fmt::format(".PP\nAlso runs as \\fB{}\\fR or \\fBipcdemo\\-{}\\fR (a link to ipcdemo).\n",
                       roff_escape(tool), roff_escape(tool));
  if (command.examples.size() > 0) {
    out += ".PP\nExamples:\n.PP\n.RS\n.nf\n";
    for (const auto& example : command.examples) out += roff_escape(wrap_example(example)) + "\n";
    out += ".fi\n.RE\n";
  }
  return out;
}

// "  KEY  text" rows (the exit codes, the environment, the global options, as
// --help shows them) as tagged paragraphs, which man fills to the terminal's
// width, instead of rows longer than 80 columns; a line that is not such a row
// is a paragraph of its own.
std::string tagged_list(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    const auto key_start = line.find_first_not_of(' ');
    if (key_start == std::string_view::npos) continue;
    const auto gap = line.find("  ", key_start);
    if (key_start == 0 || gap == std::string_view::npos) {
      out += roff_escape(line) + "\n";
      continue;
    }
    const auto text_start = line.find_first_not_of(' ', gap);
    out += fmt::format(".TP\n\\fB{}\\fR\n{}\n", roff_escape(line.substr(key_start, gap - key_start)),
                       roff_escape(line.substr(text_start)));
  }
  return out;
}

// The commands that have a C program (--show-c), and what the programs are.
std::string c_programs_section(std::span<const GroupSpec> groups) {
  std::string out =
      ".SH C PROGRAMS\n"
      "With \\fB\\-\\-show\\-c\\fR, a command prints, instead of running, a C program that does what it\n"
      "would do, with the names and options it was given filled in: C11 and POSIX, nothing of\n"
      "ipcdemo, at most 80 lines, commented like the screenplay's programs. Its first lines\n"
      "say how to build it (\\fBcc \\-std=c11 \\-Wall \\-Wextra\\fR, with \\fB\\-lrt\\fR and "
      "\\fB\\-pthread\\fR\n"
      "where an older C library needs them). It uses ipcdemo's layouts, the counter and attempts\n"
      "words of a segment and the 24\\-byte sample of a queue, and the lock semaphore's name of\n"
      "\\fB\\-\\-sync sem\\fR, so that it works with ipcdemo's own commands on the same objects;\n"
      "a name is written as a C string literal, whatever bytes it holds. These commands have one:\n";
  std::string listed;
  for (const auto& group : groups)
    for (const auto& command : group.commands)
      if (command.show_c != nullptr)
        listed += fmt::format("{}\\fBipcdemo {}\\fR", listed.empty() ? "" : ", ",
                              roff_escape(CommandRef{&group, &command}.path()));
  return out + listed + ".\n.PP\n.RS\n.nf\n" +
         roff_escape(
             "ipcdemo shm produce --sync sem --show-c > produce.c\n"
             "cc -std=c11 -Wall -Wextra -o produce produce.c -lrt -pthread\n"
             "./produce\n") +
         ".fi\n.RE\n";
}

} // namespace

std::string roff_escape(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (const char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\')
      out += "\\e";
    else if (c == '-')
      out += "\\-";
    else
      out += c;
    line_start = c == '\n';
  }
  return out;
}

std::string man_group_synopsis(const GroupSpec& group) {
  std::string out = ".SH SYNOPSIS\n";
  bool first = true;
  for (const auto& command : group.commands) {
    if (!first) out += ".br\n";
    first = false;
    out += synopsis_line(group, command);
  }
  return out;
}

std::string man_group_body(const GroupSpec& group) {
  std::string out = ".SH COMMANDS\n";
  for (const auto& command : group.commands) out += command_section(group, command);
  out += ".SH EXIT STATUS\n" + tagged_list(help::exit_status);
  return out;
}

std::string man_group_name(const GroupSpec& group) {
  return fmt::format(".SH NAME\nipcdemo\\-{} \\- {}\n", roff_escape(group.name), roff_escape(group.summary));
}

std::string man_group_description(const GroupSpec& group) {
  return ".SH DESCRIPTION\n" + paragraphs(group.description);
}

std::string man_pages(std::span<const GroupSpec> groups) {
  std::string out = "ipcdemo\n";
  for (const auto& group : groups)
    if (!group.is_single_command()) out += std::string(group.name) + "\n";
  return out;
}

std::string man_overview_synopsis() {
  return ".SH SYNOPSIS\n.B ipcdemo\n.RI [ GLOBAL\\ OPTIONS ]\n.I GROUP ACTION\n.RI [ OPTIONS ]\n.RI [ ARGS "
         "]\n"
         ".br\n.B ipcdemo\n.RB [ \\-\\-list | \\-\\-install\n.IR DIR ]\n.br\n.I GROUP\\-ACTION\n.RI [ "
         "OPTIONS ]\n"
         ".RI [ ARGS ]\n";
}

std::string man_overview_body(std::span<const GroupSpec> groups) {
  std::string out = ".SH COMMANDS\n";
  for (const auto& group : groups) {
    for (const auto& command : group.commands) {
      const CommandRef ref{&group, &command};
      out += fmt::format(".TP\n.B ipcdemo {}\n{}", ref.path(), roff_escape(command.summary));
      if (const std::string tool = ref.tool_name(); !tool.empty())
        out += fmt::format(" (tool: \\fB{}\\fR)", roff_escape(tool));
      // A top-level command has no page of its own: it is described below.
      if (group.is_single_command())
        out += ". See below.\n";
      else
        out += fmt::format(". See \\fBipcdemo\\-{}\\fR(1).\n", roff_escape(group.name));
    }
  }
  // Top-level commands have no page of their own: they are described here in full.
  for (const auto& group : groups)
    if (group.is_single_command()) out += command_section(group, *group.commands.begin());
  out += c_programs_section(groups);
  out += ".SH GLOBAL OPTIONS\n" + tagged_list(help::global_options_note);
  out += ".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nShow help, at every level, and exit.\n";
  out += ".TP\n\\fB\\-V\\fR, \\fB\\-\\-version\\fR\nShow the version and exit.\n";
  out += ".TP\n\\fB\\-\\-list\\fR\nPrint every tool name, one a line.\n";
  out +=
      ".TP\n\\fB\\-\\-install\\fR \\fIDIR\\fR\nCreate a link per tool name in \\fIDIR\\fR, pointing at this "
      "binary; "
      "idempotent, and never replaces a file that is not already a link to ipcdemo.\n";
  out += ".SH EXIT STATUS\n" + tagged_list(help::exit_status);
  out += ".SH ENVIRONMENT\n" + tagged_list(help::environment);
  return out;
}

std::string man_sections_for(std::string_view page, std::string_view part,
                             std::span<const GroupSpec> groups) {
  const bool synopsis = part == "synopsis";
  const bool group_only = part == "name" || part == "description";
  if (!synopsis && part != "body" && !group_only) return {};
  if (page == "ipcdemo" && !group_only) return synopsis ? man_overview_synopsis() : man_overview_body(groups);
  for (const auto& group : groups) {
    if (group.name != page) continue;
    if (part == "name") return man_group_name(group);
    if (part == "description") return man_group_description(group);
    return synopsis ? man_group_synopsis(group) : man_group_body(group);
  }
  return {};
}

} // namespace ipcdemo::docs
