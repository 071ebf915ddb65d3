// SPDX-License-Identifier: MIT
/* Twin of `ipcdemo bench --only tcp`: TCP over 127.0.0.1 with TCP_NODELAY, one message there and back. */
#include "ipc_fd_loop.h"

static void make_link(void) { tcp_link(); }
