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

// From shm_open to the mapped counter, closing the descriptor: the mapping keeps the segment.
void add_map_counter(Program& program, std::string_view open_flags, std::string_view why_flags,
                     std::string_view prot, std::string_view map_flags, std::string_view why_map) {
  program.include({"fcntl.h", "stdio.h", "sys/mman.h", "sys/stat.h", "unistd.h"});
  program.add(
      "    /* {} */\n"
      "    int fd = shm_open(name, {}, 0);\n"
      "    if (fd == -1) {{\n"
      "        perror(\"shm_open\");\n"
      "        return 1;\n"
      "    }}\n"
      "    /* Touching a mapping past the end of its file is SIGBUS, and a new segment\n"
      "     * has size 0 until ftruncate: check the size first. */\n"
      "    struct stat st;\n"
      "    if (fstat(fd, &st) == -1 || st.st_size < (off_t)sizeof(struct counter)) {{\n"
      "        fprintf(stderr, \"%s: fstat failed, or fewer than the counter's 16 bytes\\n\", name);\n"
      "        return 1;\n"
      "    }}\n"
      "    /* {} */\n"
      "    struct counter *counter = mmap(NULL, sizeof *counter, {},\n"
      "                                   {}, fd, 0);\n"
      "    if (counter == MAP_FAILED) {{\n"
      "        perror(\"mmap\");\n"
      "        return 1;\n"
      "    }}\n"
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
}

void add_pause(Program& program, std::chrono::nanoseconds interval) {
  if (interval.count() > 0) program.add("        if (done > 0) nanosleep(&interval, NULL);\n");
}

// With a pause between lines, each is written at once, also into a pipe.
void add_line_buffering(Program& program, std::chrono::nanoseconds interval) {
  if (interval.count() > 0)
    program.add("    setvbuf(stdout, NULL, _IOLBF, 0); /* each line as it is printed */\n");
}

} // namespace

std::string shm_create_program(const ShmCreate& settings) {
  Program program("shm create", "-lrt");
  program.include({"errno.h", "fcntl.h", "stdio.h", "sys/mman.h", "sys/stat.h", "unistd.h"});
  program.add("static const char name[] = {}; /* /dev/shm/NAME */\n\n", string_literal(settings.name));
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
        "{0}    perror(\"lseek and write\");\n"
        "{0}    shm_unlink(name); /* nothing half made is left */\n"
        "{0}    return 1;\n"
        "{0}}}\n",
        indent, count_literal(settings.size - 1));
  } else {
    program.add(
        "{0}/* A new segment has size 0 until ftruncate gives it one; the new bytes\n"
        "{0} * read as 0 and use no memory until they are touched. */\n"
        "{0}if (ftruncate(fd, {1}) == -1) {{\n"
        "{0}    perror(\"ftruncate\");\n"
        "{0}    shm_unlink(name); /* nothing half made is left */\n"
        "{0}    return 1;\n"
        "{0}}}\n",
        indent, count_literal(settings.size));
  }
  program.add(
      "    }}\n"
      "    if (fd == -1) {{\n"
      "        perror(\"shm_open\");\n"
      "        return 1;\n"
      "    }}\n"
      "    struct stat st;\n"
      "    if (fstat(fd, &st) == -1) {{\n"
      "        perror(\"fstat\");\n"
      "        return 1;\n"
      "    }}\n"
      "    /* It is just a file: ls -l /dev/shm */\n"
      "    printf(\"path: /dev/shm%s\\nsize: %lld\\n\", name, (long long)st.st_size);\n"
      "    close(fd);\n"
      "    return 0;\n"
      "}}\n");
  return program.text();
}

std::string shm_produce_program(const ShmProduce& settings) {
  const bool sem = settings.sync == shm::Sync::sem;
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
        "    /* The lock: a semaphore of value 1 used as a mutex. The first producer\n"
        "     * creates it (O_CREAT); later ones open it as it is. */\n"
        "    sem_t *lock = sem_open(lock_name, O_CREAT, st.st_mode & 0666, 1);\n"
        "    if (lock == SEM_FAILED) {{\n"
        "        perror(\"sem_open\");\n"
        "        return 1;\n"
        "    }}\n");
  add_line_buffering(program, settings.interval);
  add_loop(program, settings.count, settings.interval);
  add_pause(program, settings.interval);
  switch (settings.sync) {
    case shm::Sync::racy:
      program.add(
          "        /* Read, add one, write back: two accesses. A producer that stores\n"
          "         * between our load and our store has its increment lost. */\n"
          "        uint64_t next = atomic_load_explicit(&counter->value, memory_order_relaxed) + 1;\n"
          "        atomic_store_explicit(&counter->value, next, memory_order_relaxed);\n");
      break;
    case shm::Sync::atomic:
      program.add(
          "        /* One indivisible read-modify-write (lock xadd on x86): nothing is lost. */\n"
          "        uint64_t next = atomic_fetch_add_explicit(&counter->value, 1, memory_order_relaxed) + "
          "1;\n");
      break;
    case shm::Sync::sem:
      program.add(
          "        if (sem_wait(lock) == -1) {{ /* blocks while another producer holds it */\n"
          "            perror(\"sem_wait\");\n"
          "            return 1;\n"
          "        }}\n"
          "        /* Read, add one, write back: safe, no producer comes between. */\n"
          "        uint64_t next = atomic_load_explicit(&counter->value, memory_order_relaxed) + 1;\n"
          "        atomic_store_explicit(&counter->value, next, memory_order_relaxed);\n"
          "        if (sem_post(lock) == -1) {{\n"
          "            perror(\"sem_post\");\n"
          "            return 1;\n"
          "        }}\n");
      break;
  }
  program.add(
      "        /* Counted atomically, whatever the way: attempts - counter = lost. */\n"
      "        atomic_fetch_add(&counter->attempts, 1);\n"
      "        printf(\"%\" PRIu64 \"\\n\", next);\n"
      "    }}\n");
  if (settings.count > 0)
    program.add(
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
  program.add("int main(void)\n{{\n");
  add_map_counter(program, "O_RDONLY", "O_RDONLY: a consumer only reads.", "PROT_READ", "MAP_SHARED",
                  "PROT_READ, MAP_SHARED: every store of every producer shows here as\n"
                  "     * it happens; reading it is a load from memory, no system call.");
  add_line_buffering(program, settings.interval);
  if (!settings.changes_only) {
    add_loop(program, settings.count, settings.interval);
    add_pause(program, settings.interval);
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
