#include "tour/scenes.hpp"

namespace ipcdemo::tour {

namespace {

Step say(std::string text) { return {.kind = Step::Kind::say, .text = std::move(text)}; }

Step run(std::vector<std::string> args, std::string filter = {}, int expect_status = 0) {
  return {.kind = Step::Kind::run,
          .args = std::move(args),
          .filter = std::move(filter),
          .expect_status = expect_status};
}

Scene read_versus_map() {
  return {"read",
          "Reading a file: read() copies, mmap() maps",
          {
              say("read() copies the file from the kernel's page cache into a buffer of ours, and\n"
                  "write() copies it back into the kernel: two copies. Watch read() and write():"),
              {.kind = Step::Kind::run, .args = {"-v", "mmap", "cat", "-"}, .input = "/etc/passwd"},
              say("mmap() makes the page cache pages part of our address space instead: no read(),\n"
                  "no buffer. Our output is a pipe, so vmsplice() hands those very pages on without\n"
                  "any copy (to a file or terminal, write() would copy them once):"),
              run({"-v", "mmap", "cat", "/etc/passwd"}),
          }};
}

Scene mappings() {
  return {"maps",
          "File-backed and anonymous mappings in /proc/PID/maps",
          {
              say("Every mapping is a row of /proc/PID/maps. File-backed rows name their file (the\n"
                  "program, libraries, a mapped file); anonymous memory (heap, stack, MAP_ANONYMOUS)\n"
                  "has none. Here is our own process after mapping /etc/passwd and 1 MiB of\n"
                  "anonymous memory (the marked rows):"),
              run({"mmap", "maps", "--anon", "1M"}, "ADDRESS|<--|[heap]|[stack]|mappings:"),
          }};
}

} // namespace

TourNames tour_names(int pid) {
  const std::string prefix = "/ipcdemo-tour-" + std::to_string(pid);
  return {prefix + "-shm", prefix + "-racy", prefix + "-locked", prefix + "-sem", prefix + "-mq"};
}

std::vector<Scene> all_scenes(const TourNames& names) {
  (void)names;
  return {read_versus_map(), mappings()};
}

} // namespace ipcdemo::tour
