// SPDX-License-Identifier: MIT
/* Twin of `ipcdemo bench --only unix`: a SOCK_STREAM socketpair, one message there and back. */
#include "ipc_fd_loop.h"

static void make_link(void) { socket_link(SOCK_STREAM); }
