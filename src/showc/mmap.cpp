#include "showc/mmap.hpp"

#include "showc/c_text.hpp"
#include "showc/program.hpp"

namespace ipcdemo::showc {

std::string mmap_cat_program(const MmapCat& settings) {
  Program program("mmap cat", "");
  program.include({"fcntl.h", "stdio.h", "string.h", "sys/mman.h", "sys/stat.h", "unistd.h"});
  std::string files;
  for (const auto& file : settings.files) files += (files.empty() ? "" : ", ") + string_literal(file);
  program.add(
      "/* The files to print, in order; \"-\" is standard input. */\n"
      "static const char *const files[] = {{{}}};\n\n"
      "/* Writes all `size` bytes to standard output: write may take fewer. */\n"
      "static int write_all(const char *data, size_t size)\n{{\n"
      "    while (size > 0) {{\n"
      "        ssize_t n = write(STDOUT_FILENO, data, size);\n"
      "        if (n == -1) return -1;\n"
      "        data += n;\n"
      "        size -= (size_t)n;\n"
      "    }}\n"
      "    return 0;\n"
      "}}\n\n"
      "static int print_file(const char *path)\n{{\n"
      "    int fd = strcmp(path, \"-\") == 0 ? STDIN_FILENO : open(path, O_RDONLY);\n"
      "    struct stat st;\n"
      "    if (fd == -1 || fstat(fd, &st) == -1) return -1;\n"
      "    if (!S_ISREG(st.st_mode) || st.st_size == 0) {{\n"
      "        /* A pipe, a terminal, or a file that says size 0 but has content\n"
      "         * (/proc/self/status) cannot be mapped: read() it. */\n"
      "        char buffer[65536];\n"
      "        ssize_t n;\n"
      "        while ((n = read(fd, buffer, sizeof buffer)) > 0)\n"
      "            if (write_all(buffer, (size_t)n) == -1) return -1;\n"
      "        if (fd != STDIN_FILENO) close(fd);\n"
      "        return n == -1 ? -1 : 0;\n"
      "    }}\n"
      "    /* The file's pages become part of our address space: reading the file is\n"
      "     * now reading memory, with no copy into a buffer of ours. PROT_READ and\n"
      "     * MAP_PRIVATE: we never write to it. */\n"
      "    void *addr = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);\n"
      "    if (addr == MAP_FAILED) return -1;\n"
      "    close(fd); /* the mapping keeps the file open */\n"
      "    /* write(2) copies the bytes into the kernel once (read and write: twice). */\n"
      "    int rc = write_all(addr, (size_t)st.st_size);\n"
      "    munmap(addr, (size_t)st.st_size);\n"
      "    return rc;\n"
      "}}\n\n"
      "int main(void)\n{{\n"
      "    int status = 0;\n"
      "    for (size_t i = 0; i < sizeof files / sizeof files[0]; ++i) {{\n"
      "        if (print_file(files[i]) == -1) {{\n"
      "            perror(files[i]); /* like cat: say so, go on with the next */\n"
      "            status = 1;\n"
      "        }}\n"
      "    }}\n"
      "    return status;\n"
      "}}\n",
      files);
  return program.text();
}

} // namespace ipcdemo::showc
