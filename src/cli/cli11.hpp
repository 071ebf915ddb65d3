// SPDX-License-Identifier: MIT
// CLI11, without <iostream>'s static initialiser.
//
// CLI11 2.1's headers include <iostream> only for std::cout and std::cerr in code
// ipcdemo never runs (App::exit, AutoTimer, warnings for deprecated or retired
// options). Including it would make every start of every command construct the
// standard streams and with them the whole classic locale: a dozen page faults and
// about 800 KiB of resident memory, more than the rest of a short command costs
// (bench/startup.sh). So <iostream>'s include guard is set and its four stream
// objects are declared as libstdc++ declares them; nothing constructs them.
// tests/e2e/startup.bats checks that the binary holds no std::ios_base::Init.
#pragma once

#include <istream>
#include <ostream>

#define _GLIBCXX_IOSTREAM 1 // NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp)

namespace std { // NOLINT(cert-dcl58-cpp): the same declarations <iostream> makes
extern istream cin;
extern ostream cout;
extern ostream cerr;
extern ostream clog;
} // namespace std

#include <CLI/CLI.hpp>
