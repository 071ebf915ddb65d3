// SPDX-License-Identifier: MIT
/* The C twin of `ipcdemo mmap cat FILE`: open, fstat, mmap, close, write, munmap.
 * The start-up benchmark compares the two whole processes side by side. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char** argv) {
  const char* path = argc > 1 ? argv[1] : "/etc/passwd";
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) { perror("open"); return 1; }
  struct stat info;
  if (fstat(fd, &info) != 0) { perror("fstat"); return 1; }
  size_t size = (size_t)info.st_size;
  char* data = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (data == MAP_FAILED) { perror("mmap"); return 1; }
  close(fd);
  for (size_t done = 0; done < size;) {
    ssize_t n = write(STDOUT_FILENO, data + done, size - done);
    if (n < 0) { perror("write"); return 1; }
    done += (size_t)n;
  }
  munmap(data, size);
  return 0;
}
