// SPDX-License-Identifier: MIT
// A child process of this same binary, as the tour runs each step: its
// standard output and error come back through one pipe, line by line.
#pragma once

#include "sys/fd.hpp"

#include <sys/types.h>

#include <string>
#include <vector>

namespace ipcdemo::tour {

class Child {
 public:
  // Starts /proc/self/exe with `args` (argv[0] is "ipcdemo"), output to a pipe;
  // standard input from `input` when it is not empty, standard output to
  // /dev/null when `discard_stdout` (its standard error still comes back).
  Child(std::string label, const std::vector<std::string>& args, const std::string& input = {},
        bool discard_stdout = false);
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  Child(Child&& other) noexcept;
  Child& operator=(Child&&) = delete;
  // Sends SIGTERM to a child still running, then reaps it.
  ~Child();

  const std::string& label() const { return label_; }
  pid_t pid() const { return pid_; }
  int output_fd() const { return output_.get(); }
  // Reads what is available; returns complete lines, keeps the rest. Sets eof().
  std::vector<std::string> read_lines();
  bool eof() const { return eof_; }
  // Waits for the exit; returns the exit status (128 + signal when killed).
  int wait();
  // True while the process sleeps in the kernel (state S in /proc/PID/stat).
  bool blocked() const;

 private:
  std::string label_;
  pid_t pid_ = -1;
  sys::Fd output_;
  bool eof_ = false;
  bool reaped_ = false;
  int status_ = 0;
  std::string partial_;
};

} // namespace ipcdemo::tour
