#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# `mmap cat` must print exactly what cat prints, whatever it is handed.
load helpers

setup() { common_setup; }
teardown() { common_teardown; }

# Runs both with the same arguments and compares stdout byte for byte.
same_as_cat() {
  cat "$@" >"$TEST_DIR/expected" 2>/dev/null || true
  "$IPCDEMO" mmap cat "$@" >"$TEST_DIR/actual" 2>"$TEST_DIR/stderr" || true
  cmp "$TEST_DIR/expected" "$TEST_DIR/actual"
}

@test "without FILE it prints /etc/passwd, as the screenplay does" {
  run --separate-stderr "$IPCDEMO" mmap cat
  [ "$status" -eq 0 ]
  [ "$output" = "$(cat /etc/passwd)" ]
  same_as_cat /etc/passwd
}

@test "several files come out in order" {
  printf 'one\n' >"$TEST_DIR/a"
  printf 'two, no newline' >"$TEST_DIR/b"
  head -c 100000 /dev/urandom >"$TEST_DIR/c"
  same_as_cat "$TEST_DIR/a" "$TEST_DIR/b" "$TEST_DIR/c" "$TEST_DIR/a"
}

@test "an empty file prints nothing and is no error" {
  : >"$TEST_DIR/empty"
  run --separate-stderr "$IPCDEMO" mmap cat "$TEST_DIR/empty"
  [ "$status" -eq 0 ]
  [ -z "$output" ]
  [ -z "$stderr" ]
}

@test "/proc files of size 0 are read() with a note" {
  same_as_cat /proc/version
  grep -q "reports size 0" "$TEST_DIR/stderr"
  run --separate-stderr "$IPCDEMO" mmap cat /proc/self/status
  [ "$status" -eq 0 ]
  [[ "$output" == "Name:"*"ipcdemo"* ]]
}

@test "- reads standard input, from a file and from a pipe" {
  head -c 300000 /dev/urandom >"$TEST_DIR/data"
  "$IPCDEMO" mmap cat - <"$TEST_DIR/data" >"$TEST_DIR/out"
  cmp "$TEST_DIR/data" "$TEST_DIR/out"
  cat "$TEST_DIR/data" | "$IPCDEMO" mmap cat "$TEST_DIR/data" - >"$TEST_DIR/out"
  cat "$TEST_DIR/data" "$TEST_DIR/data" | cmp - "$TEST_DIR/out"
}

@test "a character device is read() like cat reads it" {
  run --separate-stderr "$IPCDEMO" mmap cat /dev/null
  [ "$status" -eq 0 ]
  [ -z "$output" ]
  [[ "$stderr" == *"character device"* ]]
}

@test "a directory or missing file is reported, the others still printed, exit 1" {
  echo first >"$TEST_DIR/first"
  echo last >"$TEST_DIR/last"
  run --separate-stderr "$IPCDEMO" mmap cat "$TEST_DIR/first" "$TEST_DIR/missing" "$TEST_DIR" "$TEST_DIR/last"
  [ "$status" -eq 1 ]
  [ "$output" = "$(printf 'first\nlast')" ]
  [[ "$stderr" == *"ipcdemo: open $TEST_DIR/missing: No such file or directory"* ]]
  [[ "$stderr" == *"ipcdemo: read $TEST_DIR: Is a directory"* ]]
}

@test "files larger than the 64 MiB window come out whole, to a file and to a pipe" {
  head -c 70000000 /dev/urandom >"$TEST_DIR/big"
  printf 'tail' >>"$TEST_DIR/big"
  "$IPCDEMO" -v mmap cat "$TEST_DIR/big" >"$TEST_DIR/out" 2>"$TEST_DIR/err"
  cmp "$TEST_DIR/big" "$TEST_DIR/out"
  grep -q "madvise(.*MADV_SEQUENTIAL) = 0" "$TEST_DIR/err"
  [ "$(grep -c '^.*mmap(NULL' "$TEST_DIR/err")" -eq 2 ]
  "$IPCDEMO" mmap cat "$TEST_DIR/big" | cmp - "$TEST_DIR/big"
}

@test "by default write() copies the mapped bytes, also into a pipe; --zero-copy vmsplices into a pipe" {
  echo hello >"$TEST_DIR/f"
  run --separate-stderr bash -c "'$IPCDEMO' -v mmap cat '$TEST_DIR/f' | cat"
  [ "$output" = "hello" ]
  [[ "$stderr" =~ write\(1,\ 0x[0-9a-f]+,\ 6\)\ =\ 6 ]]
  [[ "$stderr" != *vmsplice* ]]
  run --separate-stderr bash -c "'$IPCDEMO' -v mmap cat --zero-copy '$TEST_DIR/f' | cat"
  [ "$output" = "hello" ]
  [[ "$stderr" == *"vmsplice("*"iov_len=6"*") = 6"* ]]
  [[ "$stderr" == *"no copy"* ]]
  "$IPCDEMO" -v mmap cat --zero-copy "$TEST_DIR/f" >"$TEST_DIR/out" 2>"$TEST_DIR/err"
  grep -Eq 'write\(1, 0x[0-9a-f]+, 6\) = 6' "$TEST_DIR/err"
  ! grep -q vmsplice "$TEST_DIR/err"
}

# Prints $1 (with extra arguments $2...) into a FIFO that this shell holds open
# and does not read until ipcdemo has exited and the file was rewritten in place;
# leaves what the late reader got in $TEST_DIR/got.
late_reader() {
  local file=$1 size
  shift
  size=$(stat -c %s "$file")
  mkfifo "$TEST_DIR/fifo"
  local fifo
  exec {fifo}<>"$TEST_DIR/fifo" # read and write: opening it blocks neither side
  "$IPCDEMO" mmap cat "$@" "$file" >"$TEST_DIR/fifo" # fits the pipe: returns at once
  # Rewrite the same pages in place, as an editor saving over it or a log writer would.
  tr '\0' 'B' </dev/zero | head -c "$size" | dd of="$file" conv=notrunc status=none
  timeout 10 head -c "$size" <&"$fifo" >"$TEST_DIR/got"
  exec {fifo}<&-
}

@test "cat's promise: a reader that reads after the file changed gets the bytes as printed" {
  tr '\0' 'A' </dev/zero | head -c 61440 >"$TEST_DIR/f" # 60 KiB: fits a default pipe
  cp "$TEST_DIR/f" "$TEST_DIR/original"
  late_reader "$TEST_DIR/f"
  cmp "$TEST_DIR/original" "$TEST_DIR/got"
  ! cmp -s "$TEST_DIR/f" "$TEST_DIR/original" # the file did change
}

@test "--zero-copy: the pipe refers to the file's pages, so a late reader sees the new bytes" {
  tr '\0' 'A' </dev/zero | head -c 61440 >"$TEST_DIR/f"
  late_reader "$TEST_DIR/f" --zero-copy
  # The price the help text states: what the reader gets is the file as it is now.
  cmp "$TEST_DIR/f" "$TEST_DIR/got"
}

@test "a file that cannot be mapped (sysfs, ENODEV) is read() with a note" {
  local file=/sys/kernel/uevent_seqnum
  [ -r "$file" ] || skip "$file not readable"
  run --separate-stderr "$IPCDEMO" mmap cat "$file"
  [ "$status" -eq 0 ]
  [[ "$output" =~ ^[0-9]+$ ]]
  [[ "$stderr" == *"$file cannot be mapped (mmap: No such device): reading it with read()"* ]]
}

@test "-v narrates open, fstat, mmap, close and munmap with real arguments" {
  printf '12345' >"$TEST_DIR/f"
  run --separate-stderr "$IPCDEMO" -v mmap cat "$TEST_DIR/f"
  [ "$output" = "12345" ]
  [[ "$stderr" =~ open\(\"$TEST_DIR/f\",\ O_RDONLY\)\ =\ ([0-9]+) ]]
  local fd="${BASH_REMATCH[1]}"
  [[ "$stderr" == *"fstat($fd, {st_mode=S_IFREG|0"*", st_size=5, ...}) = 0"* ]]
  [[ "$stderr" =~ mmap\(NULL,\ 5,\ PROT_READ,\ MAP_PRIVATE,\ $fd,\ 0\)\ =\ (0x[0-9a-f]+) ]]
  local address="${BASH_REMATCH[1]}"
  [[ "$stderr" == *"close($fd) = 0"* ]]
  [[ "$stderr" == *"munmap($address, 5) = 0"* ]]
}

@test "-v narrates a failed call with errno's name and text" {
  run --separate-stderr "$IPCDEMO" -v mmap cat "$TEST_DIR/nope"
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"open(\"$TEST_DIR/nope\", O_RDONLY) = -1 ENOENT"* ]]
}

@test "a closed pipe ends it quietly with status 0, like cat" {
  head -c 8000000 /dev/urandom >"$TEST_DIR/big"
  run --separate-stderr bash -c "set -o pipefail; '$IPCDEMO' mmap cat '$TEST_DIR/big' | head -c 10 >/dev/null"
  [ "$status" -eq 0 ]
  [ -z "$stderr" ]
  run --separate-stderr bash -c "set -o pipefail; '$IPCDEMO' -q mmap cat - <'$TEST_DIR/big' | head -c 10 >/dev/null"
  [ "$status" -eq 0 ]
  [ -z "$stderr" ]
}

@test "a file truncated while it is printed ends with a clear error, not a crash" {
  head -c 64000000 /dev/zero >"$TEST_DIR/big"
  mkfifo "$TEST_DIR/fifo"
  "$IPCDEMO" mmap cat "$TEST_DIR/big" >"$TEST_DIR/fifo" 2>"$TEST_DIR/err" &
  local pid=$!
  local reader
  exec {reader}<"$TEST_DIR/fifo"
  # The pipe holds at most 1 MiB: after this read the printer is mid-file, blocked.
  head -c 4096 <&"$reader" >/dev/null
  truncate -s 0 "$TEST_DIR/big"
  cat <&"$reader" >/dev/null
  exec {reader}<&-
  local status=0
  wait "$pid" || status=$?
  cat "$TEST_DIR/err"
  [ "$status" -eq 1 ]
  [ "$(wc -l <"$TEST_DIR/err")" -eq 1 ]
  grep -q "^ipcdemo: .*$TEST_DIR/big.*truncated" "$TEST_DIR/err"
}

@test "SIGINT and SIGTERM end a blocked command with 130 and 143" {
  mkfifo "$TEST_DIR/fifo"
  for signal in INT:130 TERM:143; do
    # Opening a FIFO with no writer blocks.
    background "$IPCDEMO" mmap cat "$TEST_DIR/fifo" 2>"$TEST_DIR/err"
    local pid=$BG
    wait_until_blocked "$pid"
    kill -"${signal%:*}" "$pid"
    wait_status "$pid"
    [ "$status" -eq "${signal#*:}" ] || { echo "SIG${signal%:*}: status $status"; return 1; }
    grep -qx "ipcdemo: interrupted by SIG${signal%:*}" "$TEST_DIR/err"
  done
}
