#!/usr/bin/env bats
# ipcdemo shm dump: byte for byte what hexdump -C prints, for any offset and length.
load ipc_helpers

@test "the dump of a segment is what hexdump -C prints, folded runs included" {
  "$IPCDEMO" shm create "$SHM" --size 8K >/dev/null
  printf 'hello, shared world\n' | dd of="/dev/shm/${SHM#/}" bs=1 seek=4000 conv=notrunc status=none
  "$IPCDEMO" -q shm produce "$SHM" --count 3 --interval 0 >/dev/null
  run --separate-stderr "$IPCDEMO" shm dump "$SHM"
  [ "$status" -eq 0 ]
  [ "$output" = "$(hexdump -C "/dev/shm/${SHM#/}")" ]
  [[ "$output" == *"00000000  03 00 00 00 00 00 00 00"* && "$output" == *"*"* ]]
}

@test "--offset and --length choose the bytes, as hexdump -s and -n do" {
  "$IPCDEMO" shm create "$SHM" --size 300 >/dev/null
  head -c 300 /dev/urandom | dd of="/dev/shm/${SHM#/}" conv=notrunc status=none
  for range in "0 16" "3 50" "17 1" "250 1000" "299 1"; do
    set -- $range
    run --separate-stderr "$IPCDEMO" shm dump "$SHM" --offset "$1" --length "$2"
    [ "$output" = "$(hexdump -C -s "$1" -n "$2" "/dev/shm/${SHM#/}")" ] || { echo "range $range"; return 1; }
  done
}

@test "--json gives the bytes in hex with the range; an offset past the end is a usage error" {
  "$IPCDEMO" shm create "$SHM" --size 16 >/dev/null
  printf 'AB' | dd of="/dev/shm/${SHM#/}" bs=1 seek=8 conv=notrunc status=none
  run --separate-stderr "$IPCDEMO" shm dump "$SHM" --json --offset 8 --length 4
  [ "$(jq -c '[.size, .offset, .length, .hex]' <<<"$output")" = '[16,8,4,"41420000"]' ]
  run --separate-stderr "$IPCDEMO" shm dump "$SHM" --offset 17
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"--offset 17: $SHM has only 16 bytes"* ]]
}

@test "an empty segment dumps nothing, like hexdump; an unknown one is an error naming it" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  truncate -s 0 "/dev/shm/${SHM#/}"
  run --separate-stderr "$IPCDEMO" shm dump "$SHM"
  [ "$status" -eq 0 ]
  [ -z "$output" ]
  run --separate-stderr "$IPCDEMO" shm dump "/$PREFIX-none"
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"/$PREFIX-none"* ]]
}
