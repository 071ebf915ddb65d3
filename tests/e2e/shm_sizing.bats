#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# The screenplay's create scene: a new segment has size 0, ftruncate sizes it, or
# (its commented-out alternative) lseek + a one-byte write leaves a hole; size
# against allocated memory shows what each costs.
load ipc_helpers

# The value of "KEY: " in $output.
value_of() { awk -v key="$1:" '$1 == key {print $2}' <<<"$output"; }

@test "create --size 0 leaves the segment as shm_open made it: no ftruncate, size 0" {
  run --separate-stderr "$IPCDEMO" -v shm create "$SHM" --size 0
  [ "$status" -eq 0 ]
  [[ "$output" == *"size: 0"* ]]
  [[ "$stderr" != *ftruncate* ]]
  [[ "$stderr" == *"has 0 bytes: too few for the 8-byte counter; before produce or consume, give it a size: ipcdemo shm resize $SHM 4096"* ]]
  [ "$(stat -c %s "/dev/shm$SHM")" -eq 0 ]
  run --separate-stderr "$IPCDEMO" shm info "$SHM"
  [ "$(value_of size)" = 0 ]
  [ "$(value_of allocated)" = 0 ]
}

@test "produce and consume on a segment too short say how to size it" {
  "$IPCDEMO" shm create "$SHM" --size 0 2>/dev/null >/dev/null
  for action in produce consume; do
    run --separate-stderr "$IPCDEMO" shm "$action" "$SHM" --count 1
    [ "$status" -eq 1 ]
    [[ "$stderr" == *"has 0 bytes, fewer than the 8-byte counter; give it a size: ipcdemo shm resize $SHM 4096" ]]
  done
}

@test "resize sizes it with ftruncate; the size costs no memory until a page is touched" {
  "$IPCDEMO" shm create "$SHM" --size 0 2>/dev/null >/dev/null
  run --separate-stderr "$IPCDEMO" -v shm resize "$SHM" 4K
  [ "$status" -eq 0 ]
  [[ "$stderr" =~ ftruncate\([0-9]+,\ 4096\)\ =\ 0 ]]
  [[ "$output" == *"size: 4096 (was 0)"* ]]
  [ "$(value_of allocated)" = 0 ]
  "$IPCDEMO" shm produce "$SHM" --count 1 --interval 0 >/dev/null 2>&1
  run --separate-stderr "$IPCDEMO" shm info "$SHM"
  [ "$(value_of size)" = 4096 ]
  [ "$(value_of allocated)" = 4096 ]
  [ "$(value_of counter)" = 1 ]
}

@test "--hole sizes it the screenplay's other way: lseek, one byte written, a hole before it" {
  run --separate-stderr "$IPCDEMO" -v shm create "$SHM" --size 1M --hole
  [ "$status" -eq 0 ]
  [[ "$stderr" =~ lseek\([0-9]+,\ 1048575,\ SEEK_SET\)\ =\ 1048575 ]]
  [[ "$stderr" =~ write\([0-9]+,\ 0x[0-9a-f]+,\ 1\)\ =\ 1 ]]
  [[ "$stderr" != *ftruncate* ]]
  run --separate-stderr "$IPCDEMO" shm info "$SHM"
  [ "$(value_of size)" = 1048576 ]
  # One page holds the byte; the rest is a hole that reads as zeros and costs nothing.
  [ "$(value_of allocated)" -lt 1048576 ]
  [ "$(value_of allocated)" -gt 0 ]
  [ "$(value_of counter)" = 0 ]
  run --separate-stderr "$IPCDEMO" shm resize "$SHM" 2M --hole
  [ "$status" -eq 0 ]
  [ "$(stat -c %s "/dev/shm$SHM")" -eq 2097152 ]
}

@test "--hole cannot shorten a segment or make one of size 0 (usage errors, nothing changed)" {
  "$IPCDEMO" shm create "$SHM" --size 8K >/dev/null
  run --separate-stderr "$IPCDEMO" shm resize "$SHM" 4K --hole
  [ "$status" -eq 2 ]
  [ "$stderr" = "ipcdemo: --hole can only make $SHM larger (it has 8192 bytes): shorten it without --hole" ]
  [ "$(stat -c %s "/dev/shm$SHM")" -eq 8192 ]
  run --separate-stderr "$IPCDEMO" shm create "$SHM-2" --size 0 --hole
  [ "$status" -eq 2 ]
  [ ! -e "/dev/shm$SHM-2" ]
  run --separate-stderr "$IPCDEMO" shm resize "$SHM"
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"shm resize needs a NAME and a SIZE"* ]]
}

@test "shortening a segment another process maps warns and names that process" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  background "$IPCDEMO" shm consume "$SHM" --interval 10s >/dev/null 2>&1
  local consumer=$BG i
  for ((i = 0; i < 500; i++)); do grep -qF "/dev/shm$SHM" "/proc/$consumer/maps" 2>/dev/null && break; sleep 0.01; done
  grep -qF "/dev/shm$SHM" "/proc/$consumer/maps"
  run --separate-stderr "$IPCDEMO" shm resize "$SHM" 8
  [ "$status" -eq 0 ]
  [[ "$stderr" == *"warning: $SHM is mapped by "*"pid $consumer"*"makes their next touch past byte 8 a SIGBUS"* ]]
  # Growing it again warns about nobody.
  run --separate-stderr "$IPCDEMO" shm resize "$SHM" 4K
  [[ "$stderr" != *warning* ]]
}
