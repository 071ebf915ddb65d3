// SPDX-License-Identifier: MIT
/* Twin of `ipcdemo bench --only fifo`: a FIFO each way, made in a private directory and unlinked at once. */
#include "ipc_fd_loop.h"

static void make_link(void) { fifo_link(); }
