#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# Descriptors 0, 1 and 2 are always open (issue 9, item 7): started with one of
# them closed, ipcdemo opens it on /dev/null before anything else, so that no
# segment or queue becomes fd 1 or 2 and receives output or log lines.
load ipc_helpers

setup() {
  ipc_setup
  "$IPCDEMO" -q shm create "$SHM"
  "$IPCDEMO" -q shm produce "$SHM" --count 5 --interval 0 >/dev/null
}

counter() { "$IPCDEMO" shm info "$SHM" | sed -n 's/^counter: //p'; }

@test "with stderr closed, a warning is not written into the segment's counter" {
  # The segment exists: create warns on stderr, after shm_open took the lowest free fd.
  run sh -c '"$0" shm create "$1" 2>&-' "$IPCDEMO" "$SHM"
  [ "$status" -eq 0 ]
  [ "$(counter)" = 5 ]
  run sh -c '"$0" -v shm info "$1" 2>&-' "$IPCDEMO" "$SHM"
  [ "$status" -eq 0 ]
  [ "$(counter)" = 5 ]
  [ "$(stat -c %s "/dev/shm$SHM")" -eq 4096 ]
}

@test "with stdout closed, output is not written into the segment, and the failed write is reported" {
  run --separate-stderr sh -c '"$0" shm info "$1" >&-' "$IPCDEMO" "$SHM"
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"write standard output: Bad file descriptor"* ]]
  [ "$(counter)" = 5 ]
  run sh -c '"$0" shm info "$1" <&- >&- 2>&-' "$IPCDEMO" "$SHM"
  [ "$status" -eq 1 ]
  [ "$(counter)" = 5 ]
}

@test "a closed descriptor is /dev/null, unusable in its direction, as glibc does for setuid programs" {
  # The segment is opened on a descriptor above 2, and stdin reads fail as when closed.
  run --separate-stderr sh -c '"$0" -v shm info "$1" <&- >&- 2>"$2"' "$IPCDEMO" "$SHM" "$TEST_DIR/err"
  grep -qE 'shm_open\("'"$SHM"'", O_RDONLY.*\) = ([3-9]|[1-9][0-9]+)$' "$TEST_DIR/err" || { cat "$TEST_DIR/err"; return 1; }
  run --separate-stderr sh -c '"$0" mmap cat - <&-' "$IPCDEMO"
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"standard input"*"Bad file descriptor"* ]]
}
