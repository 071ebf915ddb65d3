#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# Narration that does not pretend: -v marks library calls (lib:) apart from system
# calls (sys:), -vv says what a library call asks of the kernel, and --strace
# shows the kernel's own account through the real strace.
load ipc_helpers

# The asan build's LeakSanitizer cannot run in a process under ptrace: its check
# at exit would abort the command --strace traces. Leaks are checked everywhere else.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

needs_strace() {
  command -v strace >/dev/null || skip "strace is not installed"
  strace -o /dev/null true 2>/dev/null || skip "strace cannot trace here (ptrace not allowed)"
}

@test "-v marks library calls lib: and system calls sys:" {
  "$IPCDEMO" sem create "$SEM" >/dev/null
  run --separate-stderr "$IPCDEMO" -v sem post "$SEM"
  [ "$status" -eq 0 ]
  [[ "$stderr" == *$'\n'"lib: sem_open(\"$SEM\", 0) = 0x"* || "$stderr" == "lib: sem_open(\"$SEM\", 0) = 0x"* ]]
  [[ "$stderr" == *$'\n'"lib: sem_post(0x"* ]]
  # The check of the semaphore's bytes is ours, not the lesson's: -vv only.
  [[ "$stderr" != *"/dev/shm/sem."* ]]
  [[ "$stderr" != *"in the kernel:"* ]]
  "$IPCDEMO" -q shm create "$SHM" >/dev/null
  run --separate-stderr "$IPCDEMO" -v shm info "$SHM"
  [[ "$stderr" == *"lib: shm_open("* && "$stderr" == *"sys: fstat("* ]]
}

@test "-vv says, under each library call, what it asks of the kernel" {
  "$IPCDEMO" sem create "$SEM" >/dev/null
  run --separate-stderr "$IPCDEMO" -vv sem post "$SEM"
  [ "$status" -eq 0 ]
  [[ "$stderr" == *"sem_open is a library call; in the kernel: openat(\"/dev/shm/sem.NAME\") and mmap of its 32 bytes"* ]]
  [[ "$stderr" == *"sem_post is a library call; in the kernel: an atomic add in the shared page; futex(FUTEX_WAKE) only when someone waits"* ]]
  # The check reads the bytes sem_open mapped through the kernel: after sem_open, before sem_post.
  [[ "$stderr" == *"lib: sem_open("*"check: process_vm_readv("*", iov_len=32}], 1, 0) = 32"*"lib: sem_post("* ]]
}

@test "--strace: sem_open is an openat and a mmap; an uncontended sem_post makes no system call" {
  needs_strace
  "$IPCDEMO" sem create "$SEM" >/dev/null
  run --separate-stderr "$IPCDEMO" --strace sem post "$SEM"
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  # What the lesson rests on: the file opened read-write and never through a link, and
  # its 32 bytes mapped shared. Other flags are the C library's own (glibc 2.41 adds
  # O_CLOEXEC; 2.36 does not).
  # It is the only open of the file: ipcdemo's own check reads what was mapped.
  local line flags fd=""
  while IFS= read -r line; do
    [[ "$line" =~ openat\(AT_FDCWD,\ \"/dev/shm/sem.${SEM#/}\",\ ([A-Z_|]+)\)\ =\ ([0-9]+) ]] || continue
    flags="|${BASH_REMATCH[1]}|"
    if [[ "$flags" == *"|O_RDWR|"* ]]; then fd=${BASH_REMATCH[2]}; break; fi
  done <<<"$stderr"
  [ -n "$fd" ]
  [ "$(grep -c "openat(AT_FDCWD, \"/dev/shm/sem.${SEM#/}\"" <<<"$stderr")" -eq 1 ]
  [[ "$flags" == *"|O_NOFOLLOW|"* ]]
  [[ "$stderr" =~ mmap\(NULL,\ 32,\ PROT_READ\|PROT_WRITE,\ MAP_SHARED,\ $fd,\ 0\) ]]
  [[ "$stderr" == *"+++ exited with 0 +++"* ]]
  [[ "$stderr" != *futex* ]]
  # Attached after start-up: none of the dynamic loader's calls.
  [[ "$stderr" != *"ld.so.cache"* && "$stderr" != *"libc.so"* ]]
  [ "$("$IPCDEMO" sem value "$SEM")" = 8 ]
}

@test "--strace: a sem_post with a waiter blocked wakes it with futex" {
  needs_strace
  "$IPCDEMO" sem create "$SEM" --value 0 >/dev/null
  background "$IPCDEMO" sem wait "$SEM" >/dev/null 2>&1
  local waiter=$BG
  wait_until_blocked "$waiter"
  run --separate-stderr "$IPCDEMO" --strace sem post "$SEM"
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  [[ "$stderr" =~ futex\(0x[0-9a-f]+,\ FUTEX_WAKE ]]
  wait_status "$waiter"
  [ "$status" -eq 0 ]
}

@test "--strace keeps the command's exit status; without strace it says what to install" {
  needs_strace
  "$IPCDEMO" sem create "$SEM" --value 0 >/dev/null
  run --separate-stderr "$IPCDEMO" --strace sem wait "$SEM" --try
  [ "$status" -eq 3 ]
  # No strace where Debian puts it (hidden, in a mount namespace of this test) nor in PATH.
  unshare --mount true 2>/dev/null || skip "needs a private mount namespace (unshare --mount)"
  run --separate-stderr unshare --mount --propagation private sh -c '
    for fixed in /usr/bin/strace /bin/strace; do
      [ -e "$fixed" ] && { mount --bind /dev/null "$fixed" || exit 99; }
    done
    PATH=/nonexistent exec "$0" --strace sem post "$1"' "$IPCDEMO" "$SEM"
  [ "$status" -eq 1 ] || { echo "$status: $stderr"; return 1; }
  [[ "$stderr" == "ipcdemo: --strace: strace is not installed; install it"* ]]
  [ "$("$IPCDEMO" sem value "$SEM")" = 0 ] # the command did not run
}

@test "--strace runs the system's strace, not one planted earlier in PATH, and quotes why it failed" {
  needs_strace
  [ -x /usr/bin/strace ] || skip "no /usr/bin/strace"
  "$IPCDEMO" sem create "$SEM" --value 0 >/dev/null
  mkdir "$TEST_DIR/bin"
  printf '#!/bin/sh\ntouch "%s/planted-ran"\nexit 1\n' "$TEST_DIR" >"$TEST_DIR/bin/strace"
  chmod +x "$TEST_DIR/bin/strace"
  run --separate-stderr env PATH="$TEST_DIR/bin:$PATH" "$IPCDEMO" -v --strace sem post "$SEM"
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  [ ! -e "$TEST_DIR/planted-ran" ]
  [[ "$stderr" == *"ipcdemo: debug: --strace: running /usr/bin/strace"* ]]
  [ "$("$IPCDEMO" sem value "$SEM")" = 1 ]
  # A strace that fails before attaching: its own message, then ours, which does not guess.
  unshare --mount true 2>/dev/null || skip "needs a private mount namespace (unshare --mount)"
  printf '#!/bin/sh\necho "strace: attach: something of its own went wrong" >&2\nexit 1\n' >"$TEST_DIR/bin/strace"
  run --separate-stderr unshare --mount --propagation private sh -c '
    mount --bind "$1" /usr/bin/strace || exit 99
    exec "$0" --strace sem post "$2"' "$IPCDEMO" "$TEST_DIR/bin/strace" "$SEM"
  [ "$status" -eq 1 ] || { echo "$status: $stderr"; return 1; }
  [ "$stderr" = "strace: attach: something of its own went wrong
ipcdemo: --strace: /usr/bin/strace ended (exit status 1) before it attached; its own message is above; if it says ptrace was not permitted: a container, or /proc/sys/kernel/yama/ptrace_scope" ]
  [ "$("$IPCDEMO" sem value "$SEM")" = 1 ] # the first post only: this one did not run
}
