// A generated C program: the comment that says what it is and how to build it,
// the feature-test macro, the headers its code needs (each once, sorted), then
// the code. Each generator (shm.hpp, sem.hpp, mq.hpp, mmap.hpp) adds its pieces.
#pragma once

#include <fmt/format.h>

#include <chrono>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace ipcdemo::showc {

class Program {
 public:
  // `command`: "shm produce", for the comment and the file name it suggests;
  // `libraries`: what the link needs on an older glibc ("-lrt -pthread"), or "".
  Program(std::string_view command, std::string_view libraries);

  // <fcntl.h> for "fcntl.h".
  void include(std::initializer_list<std::string_view> headers);
  // Appends code, formatted as fmt does: a brace of C is written {{ or }}.
  template <class... Args>
  void add(fmt::format_string<Args...> format, Args&&... args) {
    fmt::format_to(std::back_inserter(code_), format, std::forward<Args>(args)...);
  }

  std::string text() const;

 private:
  std::string command_;
  std::string libraries_;
  std::vector<std::string> headers_;
  std::string code_;
};

// `static int fail(const char *call)`: perror, then 1 for main to return, as the
// screenplay's programs do after every failed call.
void add_fail_function(Program& program);

// Declares `var`, a deadline `duration` from now on `clock` ("CLOCK_REALTIME"):
// three lines, or four when the duration has a fraction of a second.
std::string deadline_code(std::string_view indent, std::string_view var, std::string_view clock,
                          std::chrono::nanoseconds duration);

} // namespace ipcdemo::showc
