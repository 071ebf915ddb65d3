// SPDX-License-Identifier: MIT
/* Twin of `ipcdemo bench --only pipe`: a pipe each way, --size bytes per message. */
#include "ipc_fd_loop.h"

static void make_link(void) { pipe_link(); }
