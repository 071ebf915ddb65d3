// SPDX-License-Identifier: MIT
// mmap: the screenplay's first scene. `cat` prints files through a mapping
// instead of read(); `maps` shows where mappings land in an address space.
#include "commands/groups.hpp"

#include "base/error.hpp"
#include "base/hint.hpp"
#include "base/log.hpp"
#include "base/output.hpp"
#include "base/size_text.hpp"
#include "cli/invocation.hpp"
#include "mmap/copy_on_write.hpp"
#include "mmap/exec_maps.hpp"
#include "mmap/file_printer.hpp"
#include "mmap/legend.hpp"
#include "mmap/proc_maps.hpp"
#include "showc/mmap.hpp"
#include "sys/fd.hpp"
#include "sys/mapping.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ipcdemo::commands {

namespace {

int cat(const Invocation& invocation) {
  FilePrinter printer(STDOUT_FILENO,
                      invocation.flag("zero-copy") ? FilePrinter::Mode::zero_copy : FilePrinter::Mode::copy);
  int status = exit_code::ok;
  for (const auto& path : invocation.texts("FILE")) {
    try {
      printer.print(path);
    } catch (const SysError& error) {
      // Like cat: report this file, go on with the others, fail at the end.
      status = output::report(error);
    }
  }
  return status;
}

std::string cat_in_c(const Invocation& invocation) {
  if (invocation.flag("zero-copy"))
    throw UsageError(
        "--show-c shows the copy path: vmsplice(2), which --zero-copy uses, is Linux's, not POSIX",
        "leave out --zero-copy");
  return showc::mmap_cat_program({.files = invocation.texts("FILE")});
}

std::string read_whole(const std::string& path, const std::string& hint_subject) {
  const sys::Fd fd =
      explained([&] { return sys::open(path, O_RDONLY); },
                [&](int err) -> std::string {
                  if (err == ENOENT) return "no process " + hint_subject;
                  if (err == EACCES)
                    return "reading another process's maps needs ptrace permission (its owner, "
                           "or CAP_SYS_PTRACE)";
                  return {};
                });
  return sys::read_to_end(fd.get(), path);
}

// "ls -l /tmp" -> {"ls", "-l", "/tmp"}: --exec takes one word list, no shell quoting.
std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : text) {
    if (c == ' ' || c == '\t') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

int maps(const Invocation& invocation) {
  if (invocation.given("exec")) {
    if (invocation.given("pid") || invocation.given("file") || invocation.given("anon"))
      throw UsageError(
          "--exec shows a new program's address space: it cannot go with --pid, --file or --anon");
    return mmap::show_exec_maps(split_words(invocation.text("exec")));
  }
  std::vector<sys::Mapping> own;
  std::vector<maps::Marker> markers;
  std::string pid = "self";
  if (invocation.given("pid")) {
    if (invocation.given("file") || invocation.given("anon"))
      throw UsageError("--file and --anon map into this process: they cannot go with --pid");
    pid = invocation.text("pid");
  } else {
    // Map the file as the screenplay does, then show where the mapping landed.
    const std::string file = invocation.text("file");
    sys::Fd fd = sys::open(file, O_RDONLY);
    const auto size = static_cast<std::size_t>(sys::fstat(fd).st_size);
    if (size == 0) throw UsageError(file + ": size 0: there is nothing to map (mmap of length 0 is EINVAL)");
    own.push_back(sys::Mapping::of_file(fd, size, PROT_READ, MAP_PRIVATE));
    markers.push_back(
        {reinterpret_cast<std::uintptr_t>(own.back().data()), "--file " + file + " (file-backed)"});
    if (invocation.given("anon")) {
      own.push_back(
          sys::Mapping::anonymous(invocation.size("anon"), PROT_READ | PROT_WRITE, "--anon region"));
      markers.push_back({reinterpret_cast<std::uintptr_t>(own.back().data()), "--anon (anonymous)"});
    }
  }
  const std::string path = "/proc/" + pid + "/maps";
  const auto regions = maps::parse(read_whole(path, "with PID " + pid));
  // The kernel joins an anonymous mapping to a neighbour of the same permissions:
  // one row then holds ours and more, which the marker says.
  if (invocation.given("anon") && pid == "self")
    for (const auto& region : regions)
      if (region.start <= markers.back().address && markers.back().address < region.end &&
          region.end - region.start != own.back().size())
        markers.back().label = fmt::format("--anon ({} of this row: the kernel merged it with a neighbour)",
                                           human_size(own.back().size()));
  if (regions.empty() && pid != "self")
    throw Error(exit_code::failure, path + ": no mappings to show", "a kernel thread or a zombie has none");
  fmt::print("{}", maps::format_table(regions, markers));
  fmt::print("{}", maps::legend(regions));
  return exit_code::ok;
}

int cow(const Invocation& invocation) {
  mmap::show_copy_on_write(invocation.text("FILE"), invocation.text("write"));
  return exit_code::ok;
}

} // namespace

GroupSpec mmap_group() {
  static const GroupSpec group = {
      .name = "mmap",
      .summary = "File mappings: print a file through mmap, show an address space",
      .description =
          "mmap(2) makes a file's pages part of the address space: reading the file becomes\n"
          "reading memory, with no copy from the kernel into a user buffer.",
      .commands =
          {
              {
                  .action = "cat",
                  .summary = "Print files by mapping them instead of reading them",
                  .description =
                      "For each FILE: open, fstat, mmap(PROT_READ, MAP_PRIVATE), close the descriptor,\n"
                      "write(2) the bytes to standard output straight from the mapping, munmap.\n"
                      "write(2) copies them into the kernel once (read() and write(), as cat does,\n"
                      "copy twice), so the reader gets the bytes as they were when they were written.\n"
                      "--zero-copy vmsplices the mapped pages into a pipe instead: no copy at all, but\n"
                      "the pipe then refers to the file's pages, and a reader that reads after the\n"
                      "file changed gets the new bytes, not the ones printed (cat's promise is gone).\n"
                      "Run with -v to watch every system call.\n"
                      "Files that cannot be mapped fall back to read(): '-' (standard input), pipes,\n"
                      "devices, files that report size 0 but have content (/proc/self/status), and\n"
                      "files whose file system has no mmap (sysfs: ENODEV).\n"
                      "Files larger than 64 MiB are mapped one 64 MiB window at a time.",
                  .examples = {"ipcdemo mmap cat", "ipcdemo -v mmap cat /etc/hostname",
                               "ipcdemo mmap cat big.log | less",
                               "ipcdemo mmap cat --zero-copy big.iso | sha256sum",
                               "mmap-cat - < /etc/passwd"},
                  .options = {{.flags = "--zero-copy",
                               .type = ValueType::flag,
                               .help = "Into a pipe, vmsplice the mapped pages instead of copying them: "
                                       "faster, but a late reader sees later changes to the file"}},
                  .arguments = {{.name = "FILE",
                                 .type = ValueType::path,
                                 .help = "Files to print, in order; - is standard input",
                                 .default_value = "/etc/passwd",
                                 .many = true}},
                  .handler = cat,
                  .show_c = cat_in_c,
              },
              {
                  .action = "maps",
                  .summary = "Show an address space from /proc/PID/maps, with the kind of each mapping",
                  .description =
                      "Prints /proc/PID/maps as a table: address range, size, permissions, offset, and\n"
                      "the kind of each mapping: file (file-backed, with its path), shm (a file in\n"
                      "/dev/shm), anon (anonymous memory), heap, stack, vdso, vvar.\n"
                      "Without --pid it shows its own process after mapping FILE (and, with --anon,\n"
                      "an anonymous region), and marks those rows. A legend follows: the permission\n"
                      "letters, p (private, copy-on-write) and s (shared).\n\n"
                      "With --exec CMD it shows how an address space is prepared: CMD (words split at\n"
                      "spaces, looked up in PATH, its input and output on /dev/null) runs under ptrace,\n"
                      "stopped right after execve (the program, its loader, stack, vdso and vvar: the\n"
                      "kernel's work) and again as it exits (the libraries the loader mapped, the heap).\n"
                      "A CMD still running after 3 s of its own (time spent waiting for a CPU does not\n"
                      "count) is shown as it is and killed. CMD runs in a process group of its own, which\n"
                      "is killed at the end: nothing it started outlives ipcdemo. With ipcdemo --strace,\n"
                      "the real strace(1) is attached to CMD itself once it is stopped after execve, and\n"
                      "its lines (the loader opening and mapping the libraries) come between the two views.",
                  .examples = {"ipcdemo mmap maps", "ipcdemo mmap maps --anon 1M",
                               "ipcdemo mmap maps --file /usr/bin/env", "ipcdemo mmap maps --pid $$",
                               "ipcdemo mmap maps --exec /bin/true", "ipcdemo mmap maps --exec 'ls -l /'",
                               "ipcdemo --strace mmap maps --exec /bin/true"},
                  .options =
                      {
                          {.flags = "-p,--pid",
                           .type = ValueType::pid,
                           .help = "Show this process instead (needs permission to read its maps)"},
                          {.flags = "-f,--file",
                           .type = ValueType::path,
                           .help = "Map this file first and mark where it landed",
                           .default_value = "/etc/passwd"},
                          {.flags = "-a,--anon",
                           .type = ValueType::size,
                           .help = "Also map an anonymous region of SIZE and mark it",
                           .min = 1,
                           .range_error = "{option}: a mapping needs at least 1 byte"},
                          {.flags = "-e,--exec",
                           .type = ValueType::text,
                           .help = "Run CMD and show its mappings right after execve and as it exits"},
                      },
                  .handler = maps,
                  .strace_follows = "exec",
              },
              {
                  .action = "cow",
                  .summary = "Write into a private file mapping: copy-on-write, shown in /proc/self/smaps",
                  .description =
                      "Opens FILE O_RDONLY and maps its first page twice: MAP_SHARED read-only (the file's\n"
                      "pages, as every process sees them) and MAP_PRIVATE writable. Reads the private\n"
                      "mapping, then writes TEXT at its start, and after each step shows what it reads and\n"
                      "its page in /proc/self/smaps: first the file's page, mapped by both mappings\n"
                      "(Shared_Clean; Shared_Dirty for a file written lately and not yet on disk), then,\n"
                      "after the write fault copied it, a page of our own\n"
                      "(Private_Dirty, Anonymous). The shared mapping and the file, read with read(2),\n"
                      "still hold the old bytes: a private mapping never writes back, which is why\n"
                      "O_RDONLY suffices. Safe on any file you can read.",
                  .examples = {"ipcdemo mmap cow", "ipcdemo mmap cow /etc/hostname --write HELLO",
                               "ipcdemo -v mmap cow"},
                  .options = {{.flags = "-w,--write",
                               .type = ValueType::text,
                               .help = "The bytes to write at the start of the private mapping",
                               .default_value = "COPY"}},
                  .arguments = {{.name = "FILE",
                                 .type = ValueType::path,
                                 .help = "The file to map (it is not changed)",
                                 .default_value = "/etc/passwd"}},
                  .handler = cow,
              },
          },
  };
  return group;
}

} // namespace ipcdemo::commands
