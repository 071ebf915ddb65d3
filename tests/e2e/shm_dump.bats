#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
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
  # The last: offset + length past 2^64, which must not wrap round to a short dump.
  for range in "0 16" "3 50" "17 1" "250 1000" "299 1" "16 18446744073709551615"; do
    set -- $range
    run --separate-stderr "$IPCDEMO" shm dump "$SHM" --offset "$1" --length "$2"
    [ "$output" = "$(hexdump -C -s "$1" -n "$2" "/dev/shm/${SHM#/}")" ] || { echo "range $range"; return 1; }
  done
}

@test "--json gives the bytes in hex with the range; an offset past the end is a usage error" {
  "$IPCDEMO" shm create "$SHM" --size 16 >/dev/null
  printf 'AB' | dd of="/dev/shm/${SHM#/}" bs=1 seek=8 conv=notrunc status=none
  run --separate-stderr "$IPCDEMO" shm dump "$SHM" --json --offset 8 --length 4
  [ "$(jq -c '[.size, .offset, .length, .extents]' <<<"$output")" = '[16,8,4,[{"offset":8,"hex":"41420000"}]]' ]
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

@test "holes are skipped, not read, and the dump is still what hexdump -C prints" {
  "$IPCDEMO" shm create "$SHM" --size 0 >/dev/null
  local file="/dev/shm/${SHM#/}"
  truncate -s 16M "$file"
  # Data in islands at odd places: inside a line, across a page, at the very end.
  printf 'abc' | dd of="$file" bs=1 seek=8190 conv=notrunc status=none
  printf 'hello, hole' | dd of="$file" bs=1 seek=5000003 conv=notrunc status=none
  printf 'Z' | dd of="$file" bs=1 seek=$((16 * 1024 * 1024 - 1)) conv=notrunc status=none
  run --separate-stderr "$IPCDEMO" shm dump "$SHM"
  [ "$status" -eq 0 ]
  [ "$output" = "$(hexdump -C "$file")" ]
  for range in "0 9000" "8000 200" "100 5" "4999990 40" "5000000 11000000" "16777200 100"; do
    set -- $range
    run --separate-stderr "$IPCDEMO" shm dump "$SHM" --offset "$1" --length "$2"
    [ "$output" = "$(hexdump -C -s "$1" -n "$2" "$file")" ] || { echo "range $range"; return 1; }
  done
  # Only the four pages that hold data were read (-v narrates each call): lseek
  # found them, and found the first (holding "ab") at 4096.
  run --separate-stderr "$IPCDEMO" -v shm dump "$SHM"
  grep -qE 'sys: lseek\([0-9]+, 0, SEEK_DATA\) = 4096$' <<<"$stderr"
  local read
  read=$(sed -nE 's/.*sys: pread64\([0-9]+, [^,]+, ([0-9]+), [0-9]+\) = [0-9]+$/\1/p' <<<"$stderr" | paste -sd+)
  [ "$((read))" -eq $((4 * 4096)) ]
}

@test "a terabyte of hole planted by a neighbour dumps at once, in the lines hexdump -C would print" {
  plant_as_nobody "$PREFIX-terabyte"
  local file="/dev/shm/$PREFIX-terabyte"
  as_nobody truncate -s 1T "$file"
  printf 'hello' | as_nobody dd of="$file" bs=1 seek=$((1 << 39)) conv=notrunc status=none
  # timeout -k: a dump that reads the hole would not end on timeout's SIGTERM either.
  run --separate-stderr timeout -k 5 60 "$IPCDEMO" shm dump "/$PREFIX-terabyte"
  [ "$status" -eq 0 ]
  [ "$output" = "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
*
8000000000  68 65 6c 6c 6f 00 00 00  00 00 00 00 00 00 00 00  |hello...........|
8000000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
*
10000000000" ]
}

@test "--json of a terabyte hole planted by anyone: one extent of zeros, at once" {
  plant_as_nobody "$PREFIX-huge"
  as_nobody truncate -s 1T "/dev/shm/$PREFIX-huge"
  run --separate-stderr timeout 10 "$IPCDEMO" shm dump "/$PREFIX-huge" --json
  [ "$status" -eq 0 ] || { echo "$status $stderr"; return 1; }
  [ "$output" = "{\"name\":\"/$PREFIX-huge\",\"size\":1099511627776,\"offset\":0,\"extents\":[{\"offset\":0,\"zeros\":1099511627776}],\"length\":1099511627776}" ]
}

@test "--json: data and holes as extents that give back every byte, as the text dump reads them" {
  "$IPCDEMO" shm create "$SHM" --size 64K >/dev/null
  "$IPCDEMO" -q shm produce "$SHM" --count 3 --interval 0 >/dev/null
  printf 'hello' | dd of="/dev/shm/${SHM#/}" bs=1 seek=40000 conv=notrunc status=none
  run --separate-stderr "$IPCDEMO" shm dump "$SHM" --json
  [ "$(jq -c .extents <<<"$output")" = '[{"offset":0,"hex":"030000000000000003"},{"offset":9,"zeros":39991},{"offset":40000,"hex":"68656c6c6f"},{"offset":40005,"zeros":25531}]' ]
  # Decoded, the extents are the file's bytes.
  # (python3, not xxd: a minimal Debian has no xxd.)
  jq -r '.extents[] | if .hex then .hex else ("00" * .zeros) end' <<<"$output" | tr -d '\n' |
    python3 -c 'import sys; sys.stdout.buffer.write(bytes.fromhex(sys.stdin.read()))' >"$TEST_DIR/decoded"
  cmp "$TEST_DIR/decoded" "/dev/shm/${SHM#/}"
}

@test "SIGTERM ends a long dump, with 143" {
  # Data, not a hole (holes cost nothing now); its reader never reads, so the dump
  # blocks writing to the pipe, and the signal must end it there.
  head -c 4M /dev/urandom >"$TEST_DIR/random"
  "$IPCDEMO" shm create "$SHM" --size 4M >/dev/null
  dd if="$TEST_DIR/random" of="/dev/shm/${SHM#/}" conv=notrunc status=none
  mkfifo "$TEST_DIR/pipe"
  exec 7<>"$TEST_DIR/pipe" # held open for reading, never read (fd 3 is bats's)
  background "$IPCDEMO" shm dump "$SHM" >"$TEST_DIR/pipe" 2>"$TEST_DIR/err"
  local pid=$BG i
  wait_until_blocked "$pid" pipe_write
  kill -TERM "$pid"
  for ((i = 0; i < 500; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.01; done
  kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid"; echo "SIGTERM did not end the dump"; return 1; }
  wait_status "$pid"
  [ "$status" -eq 143 ]
  grep -qx "ipcdemo: interrupted by SIGTERM" "$TEST_DIR/err"
  exec 7>&-
}
