// SPDX-License-Identifier: MIT
/* The C twin of `ipcdemo shm consume NAME -c 1 -i 0`: shm_open, fstat, mmap the
 * counter, print it once, as the screenplay's consumer does in its loop. */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char** argv) {
  const char* name = argc > 1 ? argv[1] : "/mein-shared-dings";
  int fd = shm_open(name, O_RDONLY, 0);
  if (fd < 0) { perror("shm_open"); return 1; }
  struct stat info;
  if (fstat(fd, &info) != 0 || info.st_size < (off_t)sizeof(uint64_t)) { fputs("too short\n", stderr); return 1; }
  const volatile uint64_t* counter = mmap(NULL, sizeof(uint64_t), PROT_READ, MAP_SHARED, fd, 0);
  if (counter == MAP_FAILED) { perror("mmap"); return 1; }
  close(fd);
  printf("%" PRIu64 "\n", *counter);
  return fflush(stdout) == 0 ? 0 : 1;
}
