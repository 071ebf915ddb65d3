// SPDX-License-Identifier: MIT
/* Twin of `ipcdemo bench --only seqpacket-stream`: the child sends messages into a SOCK_SEQPACKET socketpair.
 */
#define FD_STREAM
#include "ipc_fd_loop.h"

static void make_link(void) { socket_link(SOCK_SEQPACKET); }
