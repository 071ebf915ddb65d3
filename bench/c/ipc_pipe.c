/* Twin of `ipcdemo bench --only pipe`: a pipe each way, 24 bytes per message. */
#include "ipc_twin.h"

static int ping[2], pong[2];
static uint64_t seq;
static uint64_t errors;

static void write_all(int fd, const void* data, size_t size) {
  while (size > 0) {
    ssize_t n = write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      die("write");
    }
    data = (const char*)data + n, size -= (size_t)n;
  }
}

static void read_all(int fd, void* data, size_t size) {
  while (size > 0) {
    ssize_t n = read(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      die("read");
    }
    if (n == 0) exit(1);
    data = (char*)data + n, size -= (size_t)n;
  }
}

static void setup(void) {
  if (pipe(ping) != 0 || pipe(pong) != 0) die("pipe");
}
static void parent_after_fork(void) {
  close(ping[0]);
  close(pong[1]);
}
static void child_after_fork(void) {
  close(ping[1]);
  close(pong[0]);
}

static void parent_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    struct sample s = {.timestamp = (int64_t)++seq, .value = 1.0, .channel = 7};
    write_all(ping[1], &s, sizeof s);
    read_all(pong[0], &s, sizeof s);
    errors += s.timestamp != (int64_t)seq;
  }
}

static void child_run(uint64_t n) {
  for (uint64_t i = 0; i < n; ++i) {
    struct sample s;
    ++seq;
    read_all(ping[0], &s, sizeof s);
    errors += s.timestamp != (int64_t)seq;
    s = (struct sample){.timestamp = (int64_t)seq, .value = 2.0, .channel = 8};
    write_all(pong[1], &s, sizeof s);
  }
}

int main(int argc, char** argv) { return twin_main(argc, argv, 0, 0); }
