// SPDX-License-Identifier: MIT
/* Twin of `ipcdemo bench --only fifo-stream`: the child writes messages into a FIFO, the parent reads them.
 */
#define FD_STREAM
#include "ipc_fd_loop.h"

static void make_link(void) { fifo_link(); }
