// The streams CLI11 writes to, instead of std::cout and std::cerr.
//
// The build compiles CLI11 from a copy of its headers (cmake/CLI11Copy.cmake) in
// which each `#include <iostream>` includes this header, and std::cout and
// std::cerr are cli11_stdout() and cli11_stderr(). A program that includes
// <iostream> builds the standard streams, and with them the classic locale, at
// every start: a dozen page faults and some 800 KiB of resident memory
// (docs/startup.md), more than the rest of a short command costs. CLI11 writes to
// them only in code ipcdemo never runs (App::exit's default streams, AutoTimer,
// the warnings for deprecated and retired options), so these are built the first
// time one is used, never at start-up. They write through stdio's stdout and
// stderr, unbuffered themselves, so their text keeps its place among everything
// else ipcdemo prints (src/base/output.hpp).
#pragma once

// src/cli/cli11.hpp checks for it: the CLI11 it included is the build's copy.
#define IPCDEMO_CLI11_STREAMS 1

#include <cstddef>
#include <cstdio>
// What <iostream> would have brought: CLI11 uses std::istream (its config
// readers) and std::ostream (help, errors) by these names.
#include <istream>
#include <ostream>
#include <streambuf>

namespace ipcdemo::cli {

// A std::streambuf without a buffer of its own over a stdio FILE, which buffers.
class StdioBuffer final : public std::streambuf {
 public:
  explicit StdioBuffer(std::FILE* file) : file_(file) {}

 protected:
  int_type overflow(int_type ch) override {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    return std::fputc(ch, file_) == EOF ? traits_type::eof() : ch;
  }
  std::streamsize xsputn(const char_type* text, std::streamsize count) override {
    return static_cast<std::streamsize>(std::fwrite(text, 1, static_cast<std::size_t>(count), file_));
  }
  int sync() override { return std::fflush(file_) == 0 ? 0 : -1; }

 private:
  std::FILE* file_;
};

// Each built on its first use (a function's static: a std::ostream or a
// std::streambuf at namespace scope would be built at start-up, locale and all).
inline std::ostream& cli11_stdout() {
  static StdioBuffer buffer(stdout);
  static std::ostream stream(&buffer);
  return stream;
}

inline std::ostream& cli11_stderr() {
  static StdioBuffer buffer(stderr);
  static std::ostream stream(&buffer);
  return stream;
}

} // namespace ipcdemo::cli
