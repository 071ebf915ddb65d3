#!/usr/bin/env python3
"""The lesson's system calls, one a line, from strace's log of a program or from
what `ipcdemo -v` narrates, written the same way so that the two can be diffed.

usage: lesson_calls.py strace|narration FILE [--path PATH]... [--contended]

The lesson calls are the screenplay's: openat of an object's file in /dev/shm
(or of a --path, such as the file mmap cat prints), ftruncate, lseek and write on
such a file, mmap of it, link (glibc names a new semaphore so), mq_open,
mq_timedsend, mq_timedreceive and futex. Everything else (the loader, fstat,
close, mq_getsetattr, writes to standard output) is left out.

Narration names library functions (lib:) where strace sees the system calls
under them; they are mapped as glibc implements them:
  shm_open(NAME)            openat /dev/shm/NAME
  sem_open(NAME, 0)         openat /dev/shm/sem.NAME O_RDWR, mmap of its 32 bytes
  sem_open(NAME, O_CREAT..) glibc makes a temporary file, writes and maps its 32
                            bytes and links it under /dev/shm/sem.NAME
  mq_send, mq_receive       mq_timedsend, mq_timedreceive (with no timeout)
  sem_wait, sem_post, ...   a futex only when contended: --contended says it was
A narrated line may have any prefix before "sys:" or "lib:" (time, PID, level).

Open flags are reduced to what the lesson is about: the access mode, O_CREAT,
O_EXCL (and O_NONBLOCK for a queue); glibc's O_NOFOLLOW and O_CLOEXEC and the
tool's own O_NONBLOCK on files are not. A failed call ends with its errno name.
"""
import re
import sys

LESSON_OPEN_FLAGS = ("O_RDONLY", "O_WRONLY", "O_RDWR", "O_CREAT", "O_EXCL")
SEM_SIZE = 32  # glibc's sem_t, the size of the file and of its mapping
TEMP = "/dev/shm/sem.<temporary>"  # glibc's random name for a semaphore being made


def open_flags(text, keep=LESSON_OPEN_FLAGS):
    words = set(text.split("|"))
    return "|".join(flag for flag in keep if flag in words)


def error_of(result):
    """'= -1 ENOENT (No such ...)' -> ' = ENOENT'; '' for a success."""
    match = re.match(r"-1 (E[A-Z0-9]+)", result.strip())
    return f" = {match.group(1)}" if match else ""


def unquote(text):
    return bytes(text, "utf-8").decode("unicode_escape") if "\\" in text else text


class Calls:
    def __init__(self, paths, contended):
        self.paths = set(paths)
        self.contended = contended
        self.fds = set()  # descriptors of the files followed
        self.out = []

    def followed(self, path):
        return path.startswith("/dev/shm/") or path in self.paths

    def opened(self, path, flags, result):
        error = error_of(result)
        self.out.append(f"openat {path} {open_flags(flags)}{error}")
        if not error:
            self.fds.add(int(result.split()[0]))

    def on_fd(self, fd):
        return fd.strip().isdigit() and int(fd) in self.fds

    def mmap(self, args, result):
        parts = [part.strip() for part in args.split(",")]
        if len(parts) < 5 or not self.on_fd(parts[4]):
            return
        shared = "MAP_SHARED" if "MAP_SHARED" in parts[3] else "MAP_PRIVATE"
        self.out.append(f"mmap {parts[1]} {parts[2]} {shared}{error_of(result)}")

    def sem_open(self, name, flags, result):
        path = "/dev/shm/sem." + name.lstrip("/")
        error = error_of(result)
        if "O_CREAT" not in flags or "O_EXCL" not in flags:
            # glibc opens an existing semaphore first (O_CREAT without O_EXCL too).
            self.out.append(f"openat {path} O_RDWR{error}")
            if not error:
                self.out.append(f"mmap {SEM_SIZE} PROT_READ|PROT_WRITE MAP_SHARED")
                return
            if "O_CREAT" not in flags or error != " = ENOENT":
                return
        self.out.append(f"openat {TEMP} O_RDWR|O_CREAT|O_EXCL")
        self.out.append(f"write {SEM_SIZE}")
        self.out.append(f"mmap {SEM_SIZE} PROT_READ|PROT_WRITE MAP_SHARED")
        self.out.append(f"link {path}{error}")

    def futex(self, op):
        self.out.append("futex " + ("FUTEX_WAKE" if "WAKE" in op else "FUTEX_WAIT"))

    def mq_transfer(self, call, args, result):
        """mq_timedsend with its length and priority, mq_timedreceive with its buffer's size."""
        parts = [part.strip() for part in args.split(",")]
        prio = f" prio={parts[3]}" if call == "mq_timedsend" else ""
        self.out.append(f"{call} {parts[2]}{prio}{error_of(result)}")

    def mq_open(self, name, flags, attrs, result):
        line = f"mq_open /{name.lstrip('/')} {open_flags(flags, LESSON_OPEN_FLAGS + ('O_NONBLOCK',))}"
        sizes = re.findall(r"mq_(maxmsg|msgsize)=(\d+)", attrs)
        if "O_CREAT" in flags and sizes:
            line += " " + " ".join(f"{key}={value}" for key, value in sizes)
        self.out.append(line + error_of(result))


CALL = re.compile(r"^(\w+)\((.*)\)\s+=\s+(.*)$")
NARRATED = re.compile(r"(?:^|\s)(sys|lib): (\w+)\((.*)\) = (.*)$")
PATH_ARG = re.compile(r'"((?:[^"\\]|\\.)*)"')


def from_strace(lines, calls):
    for line in lines:
        line = re.sub(r"^\d+\s+", "", line.rstrip("\n"))  # a PID, with -f
        match = CALL.match(line)
        if not match:
            continue
        name, args, result = match.groups()
        if name == "openat":
            path = PATH_ARG.search(args)
            if path and calls.followed(unquote(path.group(1))):
                calls.opened(unquote(path.group(1)), args[path.end() :].split(",")[1].strip(), result)
        elif name == "close":
            calls.fds.discard(int(args)) if args.strip().isdigit() else None
        elif name == "mmap":
            calls.mmap(args, result)
        elif name in ("ftruncate", "lseek", "write"):
            fd, rest = args.split(",", 1)
            if calls.on_fd(fd):
                # write: the byte count (last); ftruncate and lseek: the size or offset (first).
                value = rest.split(",")[-1].strip() if name == "write" else rest.split(",")[0].strip()
                calls.out.append(f"{name} {value}{error_of(result)}")
        elif name == "link":
            paths = PATH_ARG.findall(args)
            if len(paths) == 2:
                calls.out.append(f"link {unquote(paths[1])}{error_of(result)}")
        elif name == "mq_open":
            path = PATH_ARG.search(args)
            flags = args[path.end() :].split(",")[1].strip()
            calls.mq_open(unquote(path.group(1)), flags, args, result)
        elif name in ("mq_timedsend", "mq_timedreceive"):
            calls.mq_transfer(name, re.sub(r'"(?:[^"\\]|\\.)*"(\.\.\.)?', "BUF", args), result)
        elif name == "futex":
            calls.futex(args.split(",")[1])
    # glibc's temporary name for a semaphore being made: the openat before its link.
    renamed = []
    for line in calls.out:
        match = re.match(r"openat (/dev/shm/sem\.\S+) O_RDWR\|O_CREAT\|O_EXCL$", line)
        renamed.append(f"openat {TEMP} O_RDWR|O_CREAT|O_EXCL" if match else line)
    calls.out = renamed


# -v puts mq_open's attributes on a note line of their own, as C fills them in:
#   # struct mq_attr attr = {.mq_maxmsg = 5, .mq_msgsize = 24};
ATTR_NOTE = re.compile(r"# struct mq_attr attr = \{\.mq_maxmsg = (\d+), \.mq_msgsize = (\d+)\};")


def from_narration(lines, calls):
    attr = ""
    for line in lines:
        note = ATTR_NOTE.search(line)
        if note:
            attr = f"mq_maxmsg={note.group(1)}, mq_msgsize={note.group(2)}"
            continue
        match = NARRATED.search(line.rstrip("\n"))
        if not match:
            continue
        _, name, args, result = match.groups()
        args = args.replace("&attr", attr)
        if name in ("open", "openat"):
            path = PATH_ARG.search(args)
            if path and calls.followed(unquote(path.group(1))):
                flags = args[path.end() :].lstrip(", ").split(",")[0].strip()
                calls.opened(unquote(path.group(1)), flags, result)
        elif name == "shm_open":
            path = PATH_ARG.search(args)
            flags = args[path.end() :].lstrip(", ").split(",")[0].strip()
            calls.opened("/dev/shm/" + unquote(path.group(1)).lstrip("/"), flags, result)
        elif name == "close":
            calls.fds.discard(int(args)) if args.strip().isdigit() else None
        elif name == "mmap":
            calls.mmap(args, result)
        elif name in ("ftruncate", "lseek", "write"):
            fd, rest = args.split(",", 1)
            if calls.on_fd(fd):
                value = rest.split(",")[-1].strip() if name == "write" else rest.split(",")[0].strip()
                calls.out.append(f"{name} {value}{error_of(result)}")
        elif name in ("link", "linkat"):
            paths = PATH_ARG.findall(args)
            calls.out.append(f"link {unquote(paths[-1])}{error_of(result)}")
        elif name == "sem_open":
            path = PATH_ARG.search(args)
            flags = args[path.end() :].lstrip(", ").split(",")[0].strip()
            calls.sem_open(unquote(path.group(1)), flags, result)
        elif name in ("sem_wait", "sem_timedwait", "sem_clockwait", "sem_trywait"):
            if calls.contended and not error_of(result):
                calls.futex("WAIT")
        elif name == "sem_post":
            if calls.contended:
                calls.futex("WAKE")
        elif name == "mq_open":
            path = PATH_ARG.search(args)
            flags = args[path.end() :].lstrip(", ").split(",")[0].strip()
            calls.mq_open(unquote(path.group(1)), flags, args, result)
        elif name in ("mq_send", "mq_timedsend", "mq_receive", "mq_timedreceive"):
            calls.mq_transfer("mq_timedsend" if "send" in name else "mq_timedreceive", args, result)


def main(argv):
    if len(argv) < 3 or argv[1] not in ("strace", "narration"):
        sys.exit(__doc__.split("\n\n")[1])
    paths = [argv[i + 1] for i, arg in enumerate(argv) if arg == "--path"]
    calls = Calls(paths, "--contended" in argv)
    with open(argv[2], encoding="utf-8", errors="replace") as log:
        (from_strace if argv[1] == "strace" else from_narration)(log, calls)
    for line in calls.out:
        print(line)


if __name__ == "__main__":
    main(sys.argv)
