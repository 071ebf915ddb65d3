// SPDX-License-Identifier: MIT
// The multi-call entry point: argv[0] picks the tool, the command line picks the
// command, and every way out of a command becomes one exit code.
#pragma once

namespace ipcdemo {

int main(int argc, char** argv);

} // namespace ipcdemo
