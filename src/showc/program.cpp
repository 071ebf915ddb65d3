#include "showc/program.hpp"

#include <algorithm>

namespace ipcdemo::showc {

Program::Program(std::string_view command, std::string_view libraries)
    : command_(command), libraries_(libraries) {}

void Program::include(std::initializer_list<std::string_view> headers) {
  for (const auto header : headers)
    if (std::find(headers_.begin(), headers_.end(), header) == headers_.end()) headers_.emplace_back(header);
}

std::string Program::text() const {
  std::string file = command_;
  std::replace(file.begin(), file.end(), ' ', '-');
  std::string out = fmt::format(
      "/* `ipcdemo {}` as a C program of its own (ipcdemo --show-c): the same calls on\n"
      " * the same objects. Build: cc -std=c11 -Wall -Wextra -o {} {}.c{}{} */\n"
      "#define _POSIX_C_SOURCE 200809L /* POSIX.1-2008, and nothing more */\n\n",
      command_, file, file, libraries_.empty() ? "" : " ", libraries_);
  std::vector<std::string> sorted = headers_;
  std::sort(sorted.begin(), sorted.end());
  for (const auto& header : sorted) out += fmt::format("#include <{}>\n", header);
  return out + "\n" + code_;
}

void add_fail_function(Program& program) {
  program.include({"stdio.h"});
  program.add(
      "/* perror says which call failed and why (errno); main then returns 1. */\n"
      "static int fail(const char *call) {{ perror(call); return 1; }}\n\n");
}

std::string deadline_code(std::string_view indent, std::string_view var, std::string_view clock,
                          std::chrono::nanoseconds duration) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(duration);
  const auto fraction = (duration - seconds).count();
  std::string out =
      fmt::format("{0}struct timespec {1};\n{0}clock_gettime({2}, &{1});\n", indent, var, clock);
  if (fraction == 0) return out + fmt::format("{}{}.tv_sec += {};\n", indent, var, seconds.count());
  return out + fmt::format(
                   "{0}{1}.tv_sec += {2} + ({1}.tv_nsec + {3}) / 1000000000;\n"
                   "{0}{1}.tv_nsec = ({1}.tv_nsec + {3}) % 1000000000;\n",
                   indent, var, seconds.count(), fraction);
}

} // namespace ipcdemo::showc
