// The CLI11 the build uses (cmake/CLI11Copy.cmake) writes where CLI11 wrote to
// std::cout and std::cerr through ipcdemo's streams (src/cli/cli11_streams.hpp):
// App::exit's help still reaches stdout and its errors stderr, and what the
// streams write keeps its place among what stdio writes around it.
// cli/cli11_streams.hpp comes through the copy; included here first, it would
// hide a CLI11 included without the copy from cli11.hpp's check.
#include "cli/cli11.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace {

using testing::internal::CaptureStderr;
using testing::internal::CaptureStdout;
using testing::internal::GetCapturedStderr;
using testing::internal::GetCapturedStdout;

TEST(CLI11Streams, AppExitPrintsHelpOnStdout) {
  CLI::App app{"Counts the sheep of one field."};
  CaptureStdout();
  CaptureStderr();
  const int code = app.exit(CLI::CallForHelp());
  const std::string out = GetCapturedStdout();
  const std::string err = GetCapturedStderr();
  EXPECT_EQ(code, 0);
  EXPECT_NE(out.find("Counts the sheep of one field."), std::string::npos) << out;
  EXPECT_EQ(err, "");
}

TEST(CLI11Streams, AppExitPrintsErrorsOnStderr) {
  CLI::App app{"Counts the sheep of one field."};
  CaptureStdout();
  CaptureStderr();
  const int code = app.exit(CLI::RequiredError("--field"));
  const std::string out = GetCapturedStdout();
  const std::string err = GetCapturedStderr();
  EXPECT_EQ(code, static_cast<int>(CLI::ExitCodes::RequiredError));
  EXPECT_EQ(out, "");
  EXPECT_NE(err.find("--field is required"), std::string::npos) << err;
}

TEST(CLI11Streams, KeepTheirPlaceAmongStdio) {
  CaptureStdout();
  std::fputs("1 ", stdout);
  ipcdemo::cli::cli11_stdout() << "2 " << 3;
  std::fputs(" 4\n", stdout);
  ipcdemo::cli::cli11_stdout() << "5" << std::endl;
  EXPECT_EQ(GetCapturedStdout(), "1 2 3 4\n5\n");

  CaptureStderr();
  std::fputs("a ", stderr);
  ipcdemo::cli::cli11_stderr() << 'b';
  std::fputs(" c", stderr);
  EXPECT_EQ(GetCapturedStderr(), "a b c");
}

} // namespace
