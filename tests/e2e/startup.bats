#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# Start-up stays cheap: the guards that need no clock. The figures themselves are
# bench/startup.sh's (docs/startup.md); a test never times anything.
load ipc_helpers

is_static() { ! readelf -lW "$IPCDEMO" | grep -q 'INTERP'; }

@test "no translation unit constructs the standard streams (<iostream>'s initialiser costs every start)" {
  # Dynamically linked, a user of <iostream> references the constructor; statically, it holds it.
  run nm "$IPCDEMO"
  [ "$status" -eq 0 ]
  if grep -q '_ZNSt8ios_base4InitC[12]Ev' <<<"$output"; then
    echo "std::ios_base::Init::Init is linked in: some file includes <iostream> (use stdio or fmt) or CLI11 is used without cmake/CLI11Copy.cmake"
    return 1
  fi
}

@test "release build: 'mmap cat /etc/passwd' makes no system call beyond the recorded ones" {
  is_static || skip "the syscall budget is the release (static) build's: scripts/test release"
  command -v strace >/dev/null || skip "strace not installed"
  local budget="$BATS_TEST_DIRNAME/startup-syscalls.txt"
  strace -f -qq -c -U name,calls -o "$TEST_DIR/counts" "$IPCDEMO" mmap cat /etc/passwd >/dev/null
  # strace -c's table: "name calls" rows between dashed lines, then a total row.
  # The budget counts what is asked of the kernel, not which of two equivalent
  # calls one glibc picks: 2.41 makes fstat(2) and readlinkat(2) where 2.36 makes
  # newfstatat(fd, "", AT_EMPTY_PATH) and readlink(2). Those count as the latter.
  awk 'BEGIN { same["fstat"] = "newfstatat"; same["readlinkat"] = "readlink" }
       /^-/ {table = !table; next}
       table && $1 != "syscall" {name = ($1 in same) ? same[$1] : $1; calls[name] += $2}
       END {for (name in calls) print name, calls[name]}' "$TEST_DIR/counts" |
    sort >"$TEST_DIR/actual"
  local failed=0 name calls allowed
  while read -r name calls; do
    allowed=$(awk -v n="$name" '$1 == n {print $2}' "$budget")
    if [ -z "$allowed" ] || [ "$calls" -gt "$allowed" ]; then
      echo "$name: $calls calls, budget ${allowed:-0} (tests/e2e/startup-syscalls.txt)"
      failed=1
    fi
  done <"$TEST_DIR/actual"
  [ "$failed" -eq 0 ] || { echo "all calls:"; cat "$TEST_DIR/actual"; return 1; }
}

@test "release build: no measured command builds libstdc++'s classic locale" {
  is_static || skip "the locale's pthread_once shows as a futex call in the release (static) build: scripts/test release"
  command -v strace >/dev/null || skip "strace not installed"
  "$IPCDEMO" -q sem create "$SEM" >/dev/null
  "$IPCDEMO" -q shm create "$SHM" >/dev/null
  local words failed=0
  # libstdc++ builds its classic locale under a pthread_once, which ends in the
  # only futex call of a single-threaded start-up (gdb: std::locale::_S_initialize_once).
  for words in "mmap cat /etc/passwd" "-q sem post $SEM" "shm consume $SHM -c 1 -i 0"; do
    # shellcheck disable=SC2086 # the command is words on purpose
    strace -f -qq -e trace=futex -o "$TEST_DIR/futex" "$IPCDEMO" $words >/dev/null 2>&1
    if [ -s "$TEST_DIR/futex" ]; then
      echo "'ipcdemo $words' ran a pthread_once: something made a std::locale (CLI11's trim does; cmake/CLI11Copy.cmake)"
      cat "$TEST_DIR/futex"
      failed=1
    fi
  done
  return "$failed"
}
