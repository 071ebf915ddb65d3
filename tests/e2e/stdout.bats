#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# Standard output, exactly: every printing command ends with status 0 when its
# reader goes away (as cat does), whatever the interval; a write that fails names
# the real cause (ENOSPC on /dev/full, EBADF on a closed stdout), never EIO.
load ipc_helpers

# Runs ipcdemo with the arguments given into `head -c 1` and sets $status to
# ipcdemo's own exit status (not head's).
into_head() {
  run bash -c '"$@" | head -c 1 >/dev/null; exit "${PIPESTATUS[0]}"' _ "$IPCDEMO" "$@"
}

@test "shm consume and produce end with 0 when the reader leaves, at any interval" {
  "$IPCDEMO" -q shm create "$SHM"
  for interval in 0 1ms; do
    into_head shm consume "$SHM" -i "$interval" -c 1000000
    [ "$status" -eq 0 ]
    into_head shm produce "$SHM" -i "$interval" -c 1000000
    [ "$status" -eq 0 ]
  done
}

@test "the other printing commands end with 0 when the reader leaves" {
  into_head ls
  [ "$status" -eq 0 ]
  into_head ls --json
  [ "$status" -eq 0 ]
  into_head mmap maps
  [ "$status" -eq 0 ]
  seq 100000 >"$BATS_TEST_TMPDIR/numbers" # more than a pipe holds, on any system
  into_head mmap cat "$BATS_TEST_TMPDIR/numbers" /etc/passwd
  [ "$status" -eq 0 ]
  into_head completion bash
  [ "$status" -eq 0 ]
  into_head --list
  [ "$status" -eq 0 ]
  into_head mq --help
  [ "$status" -eq 0 ]
}

@test "stdout on /dev/full says ENOSPC, a closed stdout EBADF, for buffered and paced output" {
  "$IPCDEMO" -q shm create "$SHM"
  for interval in 0 1ms; do
    run --separate-stderr bash -c '"$@" >/dev/full' _ "$IPCDEMO" shm consume "$SHM" -i "$interval" -c 100000
    [ "$status" -eq 1 ]
    [ "$stderr" = "ipcdemo: write standard output: No space left on device" ]
    run --separate-stderr bash -c '"$@" >&-' _ "$IPCDEMO" shm produce "$SHM" -i "$interval" -c 100000
    [ "$status" -eq 1 ]
    [[ "$stderr" == "ipcdemo: write standard output: Bad file descriptor"* ]]
  done
  for command in "ls --json" "--list" "mmap maps" "mmap cat /etc/passwd"; do
    run --separate-stderr bash -c '$1 $2 >&-' _ "$IPCDEMO" "$command"
    [ "$status" -eq 1 ]
    [[ "$stderr" == *"ipcdemo: write standard output: Bad file descriptor" ]]
    [[ "$stderr" != *"Input/output error"* ]]
  done
}

@test "create whose output fails: exit 1, and the line says the object was made and exists" {
  local kind name
  for kind in shm sem; do
    name=$SHM
    [ "$kind" = sem ] && name=$SEM
    run --separate-stderr sh -c '"$0" "$1" create "$2" >/dev/full' "$IPCDEMO" "$kind" "$name"
    [ "$status" -eq 1 ] || { echo "$kind: status $status"; return 1; }
    local what="shared memory segment"
    [ "$kind" = sem ] && what=semaphore
    [ "$stderr" = "ipcdemo: write standard output: No space left on device; $what $name was created before this, and it exists" ] ||
      { echo "$stderr"; return 1; }
    "$IPCDEMO" -q "$kind" info "$name" >/dev/null 2>&1 || "$IPCDEMO" -q "$kind" value "$name" >/dev/null
  done
  # Opened, not made: nothing to add.
  run --separate-stderr sh -c '"$0" -qq shm create "$1" >/dev/full' "$IPCDEMO" "$SHM"
  [ "$stderr" = "ipcdemo: write standard output: No space left on device" ]
}
