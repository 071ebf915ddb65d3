// SPDX-License-Identifier: MIT
// SIGINT, SIGTERM and SIGHUP (a closed terminal) end a command with 128 + signo
// after its destructors ran (so objects made for the run are removed):
// the handler only records the signal, and because it is installed without
// SA_RESTART a blocked call returns EINTR, which the wrappers turn into Interrupted;
// loops that never block (reading a file, walking a directory or /proc) call
// throw_if_interrupted themselves, once a step. (No second signal forces an exit:
// a closed terminal's shell resends SIGHUP to its jobs, and cleanup must still run.)
#pragma once

namespace ipcdemo::signals {

// SIGINT/SIGTERM/SIGHUP recorded (unless they were ignored when we started),
// SIGPIPE ignored (EPIPE ends the command quietly instead), SIGXFSZ ignored
// (EFBIG names the file-size limit instead).
void install();
// The signal that arrived, or 0.
int pending();
// Whether the signal came from the terminal (Ctrl-C typed by the user), not from kill(2).
bool from_terminal();
// Throws Interrupted when a signal arrived; wrappers call it on EINTR.
void throw_if_interrupted();

} // namespace ipcdemo::signals
