#include "showc/shm.hpp"

#include "shm/counter.hpp"
#include "showc/c_text.hpp"
#include "showc/program.hpp"

namespace ipcdemo::showc {

namespace {

// The segment's two words, as shm/counter.hpp lays them out.
static_assert(shm::attempts_offset == 8 && shm::layout_size == 16);

void add_counter_struct(Program& program) {
  program.include({"stdatomic.h", "stdint.h"});
  program.add(
      "/* The segment's first 16 bytes, as ipcdemo lays them out (native byte order):\n"
      " * the counter, then how many increments were attempted. */\n"
      "struct counter {{\n"
      "    _Atomic uint64_t value;\n"
      "    _Atomic uint64_t attempts;\n"
      "}};\n\n");
}

// The clock --widen's busy wait reads.
void add_now_function(Program& program) {
  program.include({"time.h"});
  program.add(
      "/* CLOCK_MONOTONIC in nanoseconds, for --widen's busy wait. */\n"
      "static uint64_t now_ns(void)\n{{\n"
      "    struct timespec t;\n"
      "    clock_gettime(CLOCK_MONOTONIC, &t);\n"
      "    return (uint64_t)t.tv_sec * 1000000000 + (uint64_t)t.tv_nsec;\n"
      "}}\n\n");
}

// From shm_open to the mapped counter, closing the descriptor: the mapping keeps the segment.
void add_map_counter(Program& program, std::string_view open_flags, std::string_view why_flags,
                     std::string_view prot, std::string_view map_flags, std::string_view why_map) {
  program.include({"fcntl.h", "stdio.h", "sys/mman.h", "sys/stat.h", "unistd.h"});
  program.add(
      "    /* {} */\n"
      "    int fd = shm_open(name, {}, 0);\n"
      "    if (fd == -1) return fail(\"shm_open\");\n"
      "    /* Touching a mapping past the end of its file is SIGBUS, and a new segment\n"
      "     * has size 0 until ftruncate: check the size first. */\n"
      "    struct stat st;\n"
      "    if (fstat(fd, &st) == -1) return fail(\"fstat\");\n"
      "    if (st.st_size < (off_t)sizeof(struct counter)) {{\n"
      "        fprintf(stderr, \"%s: %lld bytes, too few for the counter (16)\\n\", name,\n"
      "                (long long)st.st_size);\n"
      "        return 1;\n"
      "    }}\n"
      "    /* {} */\n"
      "    struct counter *counter = mmap(NULL, sizeof *counter, {},\n"
      "                                   {}, fd, 0);\n"
      "    if (counter == MAP_FAILED) return fail(\"mmap\");\n"
      "    close(fd); /* the mapping keeps the segment: the descriptor is done */\n",
      why_flags, open_flags, why_map, prot, map_flags);
}

// The loop head: `count` times, or for ever; the pause comes between two steps.
void add_loop(Program& program, std::uint64_t count, std::chrono::nanoseconds interval) {
  if (interval.count() > 0) {
    program.include({"time.h"});
    program.add("    const struct timespec interval = {}; /* --interval */\n", timespec_literal(interval));
  }
  if (count == 0)
    program.add("    for (uint64_t done = 0;; ++done) {{ /* until interrupted (Ctrl-C) */\n");
  else
    program.add("    for (uint64_t done = 0; done < {}; ++done) {{\n", count_literal(count));
  if (interval.count() > 0) program.add("        if (done > 0) nanosleep(&interval, NULL);\n");
}

// With a pause between lines, each is written at once, also into a pipe.
void add_line_buffering(Program& program, std::chrono::nanoseconds interval) {
  if (interval.count() > 0)
    program.add("    setvbuf(stdout, NULL, _IOLBF, 0); /* each line as it is printed */\n");
}

// Read, add one, write back, with --widen's busy wait between the load and the store.
void add_load_and_store(Program& program, std::chrono::nanoseconds widen) {
  program.add("        uint64_t next = atomic_load_explicit(&counter->value, memory_order_acquire) + 1;\n");
  if (widen.count() > 0)
    program.add(
        "        /* --widen {}: busy-wait holding the value read, as if slower: a wider window */\n"
        "        for (uint64_t until = now_ns() + {}; now_ns() < until;) {{\n"
        "        }}\n",
        shm::duration_text(widen), widen.count());
  program.add("        atomic_store_explicit(&counter->value, next, memory_order_release);\n");
}

} // namespace

std::string shm_create_program(const ShmCreate& settings) {
  Program program("shm create", "-lrt");
  program.include({"errno.h", "fcntl.h", "stdio.h", "sys/mman.h", "sys/stat.h", "unistd.h"});
  program.add("static const char name[] = {}; /* /dev/shm/NAME */\n\n", string_literal(settings.name));
  add_fail_function(program);
  program.add(
      "int main(void)\n{{\n"
      "    /* O_CREAT|O_EXCL: make it, or fail with EEXIST if the name is taken.\n"
      "     * The mode is for a new segment, less the umask. */\n"
      "    int fd = shm_open(name, O_CREAT | O_EXCL | O_RDWR, {});\n",
      mode_literal(settings.mode));
  if (!settings.exclusive)
    program.add(
        "    if (fd == -1 && errno == EEXIST) {{\n"
        "        /* It exists: open it and leave it as it is, size and all. */\n"
        "        fd = shm_open(name, O_RDWR, 0);\n"
        "        if (fd != -1) fprintf(stderr, \"%s exists: opened, not changed\\n\", name);\n"
        "    }} else if (fd != -1) {{\n");
  else
    program.add("    if (fd != -1) {{\n");
  const std::string indent = "        ";
  if (settings.size == 0) {
    program.add("{}/* --size 0: left at size 0, as shm_open makes it. */\n", indent);
  } else if (settings.hole) {
    program.add(
        "{0}/* A new segment has size 0. Instead of ftruncate, write one byte at\n"
        "{0} * offset SIZE-1: the bytes before it are a hole, read as 0, using no memory. */\n"
        "{0}if (lseek(fd, {1}, SEEK_SET) == -1 || write(fd, \"\", 1) != 1) {{\n"
        "{0}    shm_unlink(name); /* nothing half made is left */\n"
        "{0}    return fail(\"lseek and write\");\n"
        "{0}}}\n",
        indent, count_literal(settings.size - 1));
  } else {
    program.add(
        "{0}/* A new segment has size 0 until ftruncate gives it one; the new bytes\n"
        "{0} * read as 0 and use no memory until they are touched. */\n"
        "{0}if (ftruncate(fd, {1}) == -1) {{\n"
        "{0}    shm_unlink(name); /* nothing half made is left */\n"
        "{0}    return fail(\"ftruncate\");\n"
        "{0}}}\n",
        indent, count_literal(settings.size));
  }
  program.add(
      "    }}\n"
      "    if (fd == -1) return fail(\"shm_open\");\n"
      "    struct stat st;\n"
      "    if (fstat(fd, &st) == -1) return fail(\"fstat\");\n"
      "    /* It is just a file: ls -l /dev/shm */\n"
      "    printf(\"path: /dev/shm%s\\nsize: %lld\\n\", name, (long long)st.st_size);\n"
      "    close(fd);\n"
      "    return 0;\n"
      "}}\n");
  return program.text();
}

std::string shm_produce_program(const ShmProduce& settings) {
  const bool sem = settings.sync == shm::Sync::sem;
  // Only a load and a store have a window between them: atomic has none to widen.
  const auto widen = settings.sync == shm::Sync::atomic ? std::chrono::nanoseconds(0) : settings.widen;
  Program program("shm produce", sem ? "-lrt -pthread" : "-lrt");
  program.include({"inttypes.h"});
  program.add("static const char name[] = {}; /* /dev/shm/NAME */\n", string_literal(settings.name));
  if (sem) {
    program.include({"semaphore.h"});
    program.add("static const char lock_name[] = {}; /* /dev/shm/sem.NAME */\n",
                string_literal(settings.lock_name));
  }
  program.add("\n");
  add_counter_struct(program);
  add_fail_function(program);
  if (widen.count() > 0) add_now_function(program);
  program.add("int main(void)\n{{\n");
  if (settings.private_copy)
    add_map_counter(program, "O_RDONLY", "O_RDONLY is enough: a private mapping never writes back.",
                    "PROT_READ | PROT_WRITE", "MAP_PRIVATE",
                    "MAP_PRIVATE: our first write copies the page. We count in a copy of\n"
                    "     * our own, which the segment and every consumer never see.");
  else
    add_map_counter(program, "O_RDWR", "O_RDWR: an increment reads the counter before it writes it.",
                    "PROT_READ | PROT_WRITE", "MAP_SHARED",
                    "MAP_SHARED: our stores land in the segment's pages, and every process\n"
                    "     * that maps it sees them at once, with no system call.");
  if (sem)
    program.add(
        "    /* The lock, a semaphore of value 1: the first producer creates it (O_CREAT). */\n"
        "    sem_t *lock = sem_open(lock_name, O_CREAT, st.st_mode & 0666, 1);\n"
        "    if (lock == SEM_FAILED) return fail(\"sem_open\");\n");
  add_line_buffering(program, settings.interval);
  add_loop(program, settings.count, settings.interval);
  program.add(
      "        /* Counted first, atomically whatever the way: attempts - counter = lost. */\n"
      "        atomic_fetch_add_explicit(&counter->attempts, 1, memory_order_relaxed);\n");
  switch (settings.sync) {
    case shm::Sync::racy:
      program.add(
          "        /* Read, add one, write back: two accesses. A producer that stores\n"
          "         * between our load and our store has its increment lost. */\n");
      add_load_and_store(program, widen);
      break;
    case shm::Sync::atomic:
      program.add(
          "        /* One indivisible read-modify-write (lock xadd on x86): nothing is lost. */\n"
          "        uint64_t next = atomic_fetch_add_explicit(&counter->value, 1, memory_order_release) + "
          "1;\n");
      break;
    case shm::Sync::sem:
      program.add(
          "        if (sem_wait(lock) == -1) return fail(\"sem_wait\"); /* blocks while another holds it */\n"
          "        /* Read, add one, write back: inside the lock no producer comes between. */\n");
      add_load_and_store(program, widen);
      program.add("        if (sem_post(lock) == -1) return fail(\"sem_post\");\n");
      break;
  }
  program.add(
      "        printf(\"%\" PRIu64 \"\\n\", next);\n"
      "    }}\n");
  if (settings.count > 0)
    program.add(
        "    fflush(stdout); /* the values, then what the segment says */\n"
        "    fprintf(stderr, \"{}counter %\" PRIu64 \" of %\" PRIu64 \" attempted\\n\",\n"
        "            atomic_load(&counter->value), atomic_load(&counter->attempts));\n",
        settings.private_copy ? "our private copy: " : "");
  program.add("    return 0;\n}}\n");
  return program.text();
}

std::string shm_consume_program(const ShmConsume& settings) {
  Program program("shm consume", "-lrt");
  program.include({"inttypes.h"});
  program.add("static const char name[] = {}; /* /dev/shm/NAME */\n\n", string_literal(settings.name));
  add_counter_struct(program);
  add_fail_function(program);
  program.add("int main(void)\n{{\n");
  add_map_counter(program, "O_RDONLY", "O_RDONLY: a consumer only reads.", "PROT_READ", "MAP_SHARED",
                  "PROT_READ, MAP_SHARED: every store of every producer shows here as\n"
                  "     * it happens; reading it is a load from memory, no system call.");
  add_line_buffering(program, settings.interval);
  if (!settings.changes_only) {
    add_loop(program, settings.count, settings.interval);
    program.add(
        "        printf(\"%\" PRIu64 \"\\n\", atomic_load_explicit(&counter->value, memory_order_relaxed));\n"
        "    }}\n");
  } else {
    if (settings.interval.count() > 0) {
      program.include({"time.h"});
      program.add("    const struct timespec interval = {}; /* --interval */\n",
                  timespec_literal(settings.interval));
    }
    program.add(
        "    uint64_t printed = 0, last = 0;\n"
        "    for (;;) {{\n"
        "        uint64_t value = atomic_load_explicit(&counter->value, memory_order_relaxed);\n"
        "        if (printed == 0 || value != last) {{ /* --changes: only what differs */\n"
        "            printf(\"%\" PRIu64 \"\\n\", value);\n"
        "            last = value;\n");
    if (settings.count > 0)
      program.add("            if (++printed == {}) break;\n", count_literal(settings.count));
    else
      program.add("            ++printed;\n");
    program.add("        }}\n");
    if (settings.interval.count() > 0) program.add("        nanosleep(&interval, NULL);\n");
    program.add("    }}\n");
  }
  program.add("    return 0;\n}}\n");
  return program.text();
}

} // namespace ipcdemo::showc
