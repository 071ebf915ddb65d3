// SPDX-License-Identifier: MIT
/* Twin of `ipcdemo bench --only tcp-stream`: the child writes messages into a TCP connection over 127.0.0.1.
 */
#define FD_STREAM
#include "ipc_fd_loop.h"

static void make_link(void) { tcp_link(); }
