/* Twin of `ipcdemo bench --only pipe-stream`: the child writes 64 KiB blocks
 * into a pipe, the parent reads them; bytes per second. */
#include "ipc_twin.h"

#define CHUNK (64 * 1024)
static int fds[2];
static char buffer[CHUNK];

static void setup(void) {
  if (pipe(fds) != 0) die("pipe");
  memset(buffer, 'x', sizeof buffer);
}
static void parent_after_fork(void) { close(fds[1]); }
static void child_after_fork(void) { close(fds[0]); }

static void parent_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i)
    for (size_t got = 0; got < CHUNK;) {
      ssize_t r = read(fds[0], buffer + got, CHUNK - got);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) die("read");
      got += (size_t)r;
    }
}

static void child_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i)
    for (size_t put = 0; put < CHUNK;) {
      ssize_t w = write(fds[1], buffer + put, CHUNK - put);
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) die("write");
      put += (size_t)w;
    }
}

int main(int argc, char** argv) { return twin_main(argc, argv, 2, CHUNK); }
