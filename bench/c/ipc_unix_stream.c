// SPDX-License-Identifier: MIT
/* Twin of `ipcdemo bench --only unix-stream`: the child writes messages into a SOCK_STREAM socketpair. */
#define FD_STREAM
#include "ipc_fd_loop.h"

static void make_link(void) { socket_link(SOCK_STREAM); }
