// SPDX-License-Identifier: MIT
/* Twin of `ipcdemo bench --only pipe-stream`: the child writes messages into a pipe, the parent reads them.
 */
#define FD_STREAM
#include "ipc_fd_loop.h"

static void make_link(void) { pipe_link(); }
