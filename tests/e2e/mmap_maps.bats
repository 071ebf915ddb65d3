#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# `mmap maps`: file-backed versus anonymous mappings, from /proc/PID/maps.
load helpers

setup() { common_setup; }
teardown() {
  [ -z "${SLEEPER:-}" ] || kill "$SLEEPER" 2>/dev/null || true
  common_teardown
}

@test "its own address space, with the mapped FILE marked as file-backed" {
  run --separate-stderr "$IPCDEMO" mmap maps
  [ "$status" -eq 0 ]
  [[ "${lines[0]}" == "ADDRESS"*"SIZE"*"PERM"*"OFFSET"*"KIND"*"PATH" ]]
  [[ "$output" =~ r--p\ +00000000\ file\ +/etc/passwd\ +\<--\ --file\ /etc/passwd ]]
  [[ "$output" == *" stack "*"[stack]"* ]]
  [[ "$output" =~ [0-9]+\ mappings:\ [0-9]+\ file-backed ]]
  [ "$(grep -c -- '<--' <<<"$output")" -eq 1 ]
}

@test "--anon maps an anonymous region and marks it; --file picks the file" {
  echo data >"$TEST_DIR/mine"
  run --separate-stderr "$IPCDEMO" mmap maps --anon 3M --file "$TEST_DIR/mine"
  [ "$status" -eq 0 ]
  [[ "$output" =~ rw-p\ +00000000\ anon\ +\ *\<--\ --anon ]]
  [[ "$output" == *"file     $TEST_DIR/mine  <-- --file"* ]]
}

@test "-v narrates the anonymous mmap with its real arguments" {
  run --separate-stderr "$IPCDEMO" -v mmap maps --anon 64K
  [[ "$stderr" =~ mmap\(NULL,\ 65536,\ PROT_READ\|PROT_WRITE,\ MAP_PRIVATE\|MAP_ANONYMOUS,\ -1,\ 0\)\ =\ (0x[0-9a-f]+) ]]
  local address="${BASH_REMATCH[1]#0x}"
  # The address the kernel returned lies inside the marked row.
  local row
  row=$(grep -- '<-- --anon' <<<"$output")
  local start=$((16#${row:0:16})) end=$((16#${row:17:16}))
  (( start <= 16#$address && 16#$address < end ))
}

@test "--pid shows another process" {
  sleep 300 &
  SLEEPER=$!
  run --separate-stderr "$IPCDEMO" mmap maps --pid "$SLEEPER"
  [ "$status" -eq 0 ]
  [[ "$output" == *"$(readlink -f "$(command -v sleep)")"* ]]
  ! grep -q -- '<--' <<<"$output"
}

@test "a PID that does not exist is exit 1 with a clear error" {
  run --separate-stderr "$IPCDEMO" mmap maps --pid 4194303
  [ "$status" -eq 1 ]
  [[ "$stderr" == "ipcdemo: open /proc/4194303/maps: No such file or directory; no process with PID 4194303" ]]
}

@test "a PID we may not read is exit 1 with a clear error" {
  command -v setpriv >/dev/null || skip "setpriv not installed"
  require_root
  sleep 300 &
  SLEEPER=$!
  run --separate-stderr setpriv --reuid=nobody --regid=nogroup --clear-groups "$(nobody_ipcdemo)" mmap maps --pid "$SLEEPER"
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"/proc/$SLEEPER/maps: Permission denied"*"ptrace"* ]]
}

@test "bad values are usage errors" {
  run --separate-stderr "$IPCDEMO" mmap maps --anon 0
  [ "$status" -eq 2 ]
  run --separate-stderr "$IPCDEMO" mmap maps --pid "$$" --anon 4K
  [ "$status" -eq 2 ]
  run --separate-stderr "$IPCDEMO" mmap maps --file "$TEST_DIR/none"
  [ "$status" -eq 1 ]
  [[ "$stderr" == "ipcdemo: open $TEST_DIR/none: No such file or directory" ]]
}
