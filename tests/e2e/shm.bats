#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# shm: create, produce, consume, info, unlink on real segments, with real
# concurrent processes; errors and their exit codes.
load ipc_helpers

@test "create makes a file in /dev/shm with the size, mode 0600 by default whatever the umask" {
  umask 002
  run --separate-stderr "$IPCDEMO" shm create "$SHM"
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "path: /dev/shm${SHM}" ]
  [ "${lines[1]}" = "size: 4096" ]
  [ "$(stat -c '%s %a' "/dev/shm$SHM")" = "4096 600" ]
}

@test "create --size and --mode apply to a new segment; the name may leave out the slash" {
  umask 022
  run --separate-stderr "$IPCDEMO" shm create "${SHM#/}" --size 64K --mode 0664 -v
  [ "$status" -eq 0 ]
  [[ "$stderr" == *"taken as '$SHM'"* ]]
  [ "$(stat -c '%s %a' "/dev/shm$SHM")" = "65536 644" ]
}

@test "create opens an existing segment, warns which settings did not apply, leaves it unchanged" {
  "$IPCDEMO" shm create "$SHM" --size 4096 >/dev/null
  run --separate-stderr "$IPCDEMO" shm create "$SHM" --size 8K --mode 0640
  [ "$status" -eq 0 ]
  [[ "$stderr" == *"warn"*"already existed"*"--size 8192 (it has 4096 bytes)"*"--mode 0640 (it has 0600)"* ]]
  [ "$(stat -c '%s' "/dev/shm$SHM")" = 4096 ]
}

@test "create --exclusive fails on an existing segment with a hint to unlink" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  run --separate-stderr "$IPCDEMO" shm create -x "$SHM"
  [ "$status" -eq 1 ]
  [ "$stderr" = "ipcdemo: shm_open $SHM: File exists; remove it first with: ipcdemo shm unlink $SHM" ]
  run --separate-stderr "$IPCDEMO" shm create -x --tmpfile "$SHM"
  [ "$status" -eq 1 ]
  [ "$stderr" = "ipcdemo: linkat $SHM: File exists; remove it first with: ipcdemo shm unlink $SHM" ]
}

@test "produce prints each value it wrote; consume and info see the counter" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  run --separate-stderr "$IPCDEMO" shm produce "$SHM" --count 5 --interval 0
  [ "$status" -eq 0 ]
  [ "$output" = "$(seq 1 5)" ]
  [[ "$stderr" == *"produced 5 increments in "*"--sync racy"*"last value written: 5"* ]]
  run --separate-stderr "$IPCDEMO" shm consume "$SHM" --count 2 --interval 0
  [ "$status" -eq 0 ]
  [ "$output" = "$(printf '5\n5')" ]
  run --separate-stderr "$IPCDEMO" shm info "$SHM"
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "path: /dev/shm$SHM" ]
  [ "${lines[1]}" = "size: 4096" ]
  [ "${lines[2]}" = "allocated: 4096 (8 blocks of 512 bytes)" ]
  [ "${lines[3]}" = "mode: 0600" ]
  [[ "${lines[4]}" == "owner: "*"(uid $(id -u))" ]]
  [ "${lines[6]}" = "counter: 5" ]
  [ "${lines[7]}" = "attempts: 5" ]
  [ "${lines[8]}" = "summary: counter 5 of 5 attempted: 0 lost (0.0%)" ]
}

@test "shm info beside a producer between its attempt and its store: nothing called lost" {
  "$IPCDEMO" -q shm create "$SHM"
  # One racy increment whose load and store are 3 s apart: the attempt is counted, the store waits.
  background "$IPCDEMO" -q shm produce "$SHM" --sync racy --widen 3s --count 1 --interval 0
  local i info=""
  for ((i = 0; i < 1000; i++)); do
    info=$("$IPCDEMO" shm info "$SHM")
    [[ "$info" == *$'\nattempts: 1\n'* ]] && break
    sleep 0.01
  done
  [[ "$info" == *$'counter: 0\nattempts: 1\n'* ]] || { echo "$info"; return 1; }
  [[ "$info" == *"summary: counter 0 of 1 attempted while 1 other process maps it for writing: each counts an attempt just before its increment, so what was lost is known once they have ended"* ]]
  [[ "$info" != *lost\ \(* ]]
  wait "$BG"
  run "$IPCDEMO" shm info "$SHM"
  [[ "$output" == *"summary: counter 1 of 1 attempted: 0 lost (0.0%)"* ]]
}

@test "a consumer watches a running producer: --changes prints rising values only" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  background "$IPCDEMO" shm produce "$SHM" --interval 1ms --sync atomic >/dev/null 2>&1
  producer=$BG
  run --separate-stderr "$IPCDEMO" shm consume "$SHM" --changes --count 5 --interval 1ms
  [ "$status" -eq 0 ]
  [ "${#lines[@]}" -eq 5 ]
  for ((i = 1; i < 5; i++)); do
    [ "${lines[i]}" -gt "${lines[i - 1]}" ] || { echo "not rising: ${lines[*]}"; return 1; }
  done
  kill -TERM "$producer"
  wait_status "$producer"
  [ "$status" -eq 143 ]
}

@test "stdout is flushed at each interval: a reader sees the first value before the next" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  background "$IPCDEMO" shm produce "$SHM" --interval 1h >"$TEST_DIR/out" 2>"$TEST_DIR/err"
  wait_for_lines "$TEST_DIR/out" 1
  [ "$(cat "$TEST_DIR/out")" = 1 ]
}

@test "SIGINT ends a pacing producer with 130 after its summary, and a consumer with 130" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  background "$IPCDEMO" shm produce "$SHM" --interval 1h >"$TEST_DIR/out" 2>"$TEST_DIR/err"
  producer=$BG
  wait_for_lines "$TEST_DIR/out" 1
  wait_until_blocked "$producer" nanosleep
  kill -INT "$producer"
  wait_status "$producer"
  [ "$status" -eq 130 ]
  grep -q "produced 1 increment in" "$TEST_DIR/err"
  grep -q "interrupted by SIGINT" "$TEST_DIR/err"

  background "$IPCDEMO" shm consume "$SHM" --interval 1h >"$TEST_DIR/out2"
  consumer=$BG
  wait_for_lines "$TEST_DIR/out2" 1
  wait_until_blocked "$consumer" nanosleep
  kill -INT "$consumer"
  wait_status "$consumer"
  [ "$status" -eq 130 ]
}

@test "Ctrl-C typed at a terminal ends a producer with its summary and no error line" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  tty_start bash --norc --noprofile
  tty_type "'$IPCDEMO' shm produce $SHM --interval 1h >out 2>err; echo rc=\$?" Enter
  wait_for_lines "$TEST_DIR/out" 1
  tty_type C-c
  tty_wait_for "rc=130"
  grep -q "produced 1 increment in" "$TEST_DIR/err"
  ! grep -q "interrupted" "$TEST_DIR/err" || { cat "$TEST_DIR/err"; return 1; }
}

@test "SIGINT ends a producer blocked writing to a full pipe with 130" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  mkfifo "$TEST_DIR/fifo"
  exec 4<>"$TEST_DIR/fifo" # a reader that never reads: the pipe fills up
  background "$IPCDEMO" shm produce "$SHM" --interval 0 >"$TEST_DIR/fifo" 2>"$TEST_DIR/err"
  producer=$BG
  wait_until_blocked "$producer" pipe_write
  kill -INT "$producer"
  wait_status "$producer"
  exec 4<&-
  [ "$status" -eq 130 ]
  grep -q "interrupted by SIGINT" "$TEST_DIR/err"
}

# Runs `shm ACTION $SHM` every millisecond on a new segment, shortens the segment
# to SIZE bytes once the first value is out, and waits for the command to end:
# its exit status in $status, its stderr in $TEST_DIR/err.
shorten_under() {
  local action=$1 size=$2
  "$IPCDEMO" shm create "$SHM" >/dev/null
  background "$IPCDEMO" shm "$action" "$SHM" --interval 1ms >"$TEST_DIR/out" 2>"$TEST_DIR/err"
  local pid=$BG
  wait_for_lines "$TEST_DIR/out" 1
  truncate -s "$size" "/dev/shm$SHM"
  wait_status "$pid"
}

@test "a segment truncated under a running consumer ends it with a clear error, exit 1" {
  shorten_under consume 0
  [ "$status" -eq 1 ]
  # fstat before each read sees it; should the truncation fall between fstat and
  # the read, SIGBUS does, and says the same.
  err=$(cat "$TEST_DIR/err")
  [ "$err" = "ipcdemo: shared memory $SHM was shortened to 0 bytes while we watched it, below the 8-byte counter; whoever truncated it broke it: ipcdemo shm resize $SHM 4096" ] ||
    [ "$err" = "ipcdemo: $SHM: SIGBUS: it was truncated to 0 bytes while mapped, and byte 0 is gone" ]
}

@test "a segment shortened to 4 bytes under a consumer is reported, not read as half a number" {
  # Bytes past the end of the file read as 0 to the end of its page: no SIGBUS.
  shorten_under consume 4
  [ "$status" -eq 1 ]
  grep -qx "ipcdemo: shared memory $SHM was shortened to 4 bytes while we watched it, below the 8-byte counter;.*" "$TEST_DIR/err"
}

@test "a segment truncated under a running producer: SIGBUS names the truncation" {
  shorten_under produce 0
  [ "$status" -eq 1 ]
  # A producer counts the attempt (bytes 8-15) before it increments the counter: that is the first touch.
  [ "$(cat "$TEST_DIR/err")" = "ipcdemo: $SHM: SIGBUS: it was truncated to 0 bytes while mapped, and byte 8 is gone" ]
}

@test "a segment shorter than the counter is an error for produce and consume, and info says so" {
  : >"/dev/shm$SHM"
  truncate -s 4 "/dev/shm$SHM"
  for action in produce consume; do
    run --separate-stderr "$IPCDEMO" shm "$action" "$SHM" --count 1
    [ "$status" -eq 1 ]
    [[ "$stderr" == "ipcdemo: shared memory $SHM has 4 bytes, fewer than the 8-byte counter; give it a size: "* ]]
  done
  run --separate-stderr "$IPCDEMO" shm info "$SHM"
  [ "$status" -eq 0 ]
  [[ "$output" == *"counter: none (the segment is shorter than the 8-byte counter)"* ]]
}

@test "an unknown segment exits 1 with the hint to create it" {
  assert_unknown shm "$SHM" produce consume info
}

@test "unlink removes the name" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  run --separate-stderr "$IPCDEMO" shm unlink "$SHM"
  [ "$status" -eq 0 ]
  [ ! -e "/dev/shm$SHM" ]
}

@test "bad names, sizes, modes, counts, durations and choices exit 2 with the rule" {
  long="/$(printf 'x%.0s' {1..256})"
  assert_usage_errors shm <<EOF_CASES
create /|nothing after the slash
create /a/b|contains a '/' after the first character
create ..|is not allowed
create $long|at most 255 are allowed
create $SHM --size 0 --hole|--hole needs a --size of at least 1
resize $SHM 4Q|is not a size
resize $SHM|needs a NAME and a SIZE
create $SHM --size -1|is not a size
create $SHM --size 4Q|is not a size
create $SHM --size 99999999999T|too large
create $SHM --mode 0999|is not an octal mode
create $SHM --mode 70000|is not an octal mode
create $SHM --mode 4755|has setuid, setgid or sticky bits
create $SHM --mode 1777|permission bits only, 0 to 0777
create /sem.$PREFIX-sem|is the file of semaphore '/$PREFIX-sem'
create sem.x|a segment's name cannot start with 'sem.'
info /sem.$PREFIX-sem|is the file of semaphore
unlink /sem.$PREFIX-sem|is the file of semaphore
produce $SHM --count -3|is not a whole number
produce $SHM --count many|is not a whole number
produce $SHM --interval soon|is not a duration
produce $SHM --interval -1s|is not a duration
produce $SHM --sync maybe|is not one of: racy, atomic, sem
consume $SHM --interval 1parsec|is not a duration
produce $SHM --sync sem --lock /a/b|contains a '/' after the first character
EOF_CASES
  run --separate-stderr "$IPCDEMO" shm create ""
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"name is empty"* ]]
  [ ! -e "/dev/shm$SHM" ]
}

@test "a segment name cannot reach a semaphore's file" {
  "$IPCDEMO" -q sem create "$SEM" --value 3
  for action in "info" "unlink" "create --size 4096" "produce --count 1" "consume --count 1"; do
    run --separate-stderr "$IPCDEMO" shm $action "/sem.${SEM#/}"
    [ "$status" -eq 2 ] || { echo "shm $action: status $status"; return 1; }
    [[ "$stderr" == "ipcdemo: shared memory name '/sem.${SEM#/}' is refused: /dev/shm/sem.${SEM#/} is the file of semaphore '$SEM'"* ]]
  done
  [ "$("$IPCDEMO" sem value "$SEM")" = 3 ]
  [ "$(stat -c %s "/dev/shm/sem.${SEM#/}")" -eq 32 ]
}

@test "--mode with setuid, setgid or sticky bits creates nothing" {
  for mode in 4600 2600 1600 6777; do
    run --separate-stderr "$IPCDEMO" shm create "$SHM" --mode "$mode"
    [ "$status" -eq 2 ] || { echo "--mode $mode: status $status"; return 1; }
    [[ "$stderr" == "ipcdemo: --mode: '$mode' has setuid, setgid or sticky bits"* ]]
    [ ! -e "/dev/shm$SHM" ]
  done
  "$IPCDEMO" -q shm create "$SHM" --mode 0777
  [ -e "/dev/shm$SHM" ]
}

@test "an unprivileged user gets the permission error with its reason" {
  [ "$(id -u)" -eq 0 ] || skip "needs root to switch to nobody"
  "$IPCDEMO" shm create "$SHM" >/dev/null
  run --separate-stderr setpriv --reuid=nobody --regid=nogroup --clear-groups "$(nobody_ipcdemo)" shm consume "$SHM" --count 1
  [ "$status" -eq 1 ]
  [[ "$stderr" == "ipcdemo: shm_open $SHM: Permission denied; reading needs read permission for you"* ]]
  chmod 0644 "/dev/shm$SHM"
  run --separate-stderr setpriv --reuid=nobody --regid=nogroup --clear-groups "$(nobody_ipcdemo)" shm produce "$SHM" --count 1
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"Permission denied; writing the counter needs read and write permission"* ]]
}

@test "-v narrates shm_open(O_CREAT|O_EXCL), then ftruncate, with the size-0 window between them" {
  run --separate-stderr "$IPCDEMO" -v shm create "$SHM" --size 8K
  [ "$status" -eq 0 ]
  [[ "$stderr" =~ lib:\ shm_open\(\"$SHM\",\ O_RDWR\|O_CREAT\|O_EXCL,\ 0600\)\ =\ ([0-9]+) ]]
  fd="${BASH_REMATCH[1]}"
  [[ "$stderr" == *"shm_open("*"  # the segment exists now, with size 0 until ftruncate sizes it"*"sys: ftruncate($fd, 8192) = 0"* ]]
  [[ "$stderr" != *O_TMPFILE* && "$stderr" != *linkat* ]]
  [ "$(stat -c %s "/dev/shm$SHM")" -eq 8192 ]
  run --separate-stderr "$IPCDEMO" -v shm consume "$SHM" --count 1
  [ "$status" -eq 0 ]
  # The safety flag is passed, but the lesson's line shows the screenplay's flags;
  # -vv says what was added.
  [[ "$stderr" == *"lib: shm_open(\"$SHM\", O_RDONLY) = "* ]]
  [[ "$stderr" != *O_NONBLOCK* && "$stderr" != *"check:"* ]]
  [[ "$stderr" =~ mmap\(NULL,\ 16,\ PROT_READ,\ MAP_SHARED,\ [0-9]+,\ 0\)\ =\ 0x[0-9a-f]+ ]]
  run --separate-stderr "$IPCDEMO" -vv shm consume "$SHM" --count 1
  [[ "$stderr" == *"check: shm_open had O_RDONLY|O_NONBLOCK: a planted FIFO fails, never blocks"* ]]
  [[ "$stderr" =~ check:\ fstat\([0-9]+,\ \{st_mode=S_IFREG ]]
  run --separate-stderr "$IPCDEMO" -v shm produce "$SHM" --count 1
  [[ "$stderr" =~ mmap\(NULL,\ 16,\ PROT_READ\|PROT_WRITE,\ MAP_SHARED,\ [0-9]+,\ 0\)\ =\ 0x[0-9a-f]+ ]]
}

@test "--tmpfile makes the segment unnamed, sizes it, then links it, and -v ties it to shm_open" {
  run --separate-stderr "$IPCDEMO" -v shm create "$SHM" --size 8K --tmpfile
  [ "$status" -eq 0 ]
  [[ "$stderr" =~ sys:\ open\(\"/dev/shm\",\ O_RDWR\|O_TMPFILE,\ 0600\)\ =\ ([0-9]+) ]]
  fd="${BASH_REMATCH[1]}"
  [[ "$stderr" == *"# shm_open(O_CREAT) + ftruncate, but no process ever sees it at size 0"* ]]
  # The size is given before the name: nobody sees the segment unsized.
  [[ "$stderr" == *"ftruncate($fd, 8192) = 0"*"linkat(AT_FDCWD, \"/proc/self/fd/$fd\", AT_FDCWD, \"/dev/shm$SHM\", AT_SYMLINK_FOLLOW) = 0"* ]]
  [ "$(stat -c %s "/dev/shm$SHM")" -eq 8192 ]
}

@test "--help of every shm command shows its options with defaults" {
  run --separate-stderr "$IPCDEMO" shm produce --help
  [ "$status" -eq 0 ]
  [[ "$output" == *"--sync"*"racy"* ]]
  [[ "$output" == *"--interval"*"1s"* ]]
  [[ "$output" == *"Examples:"* ]]
  run --separate-stderr "$IPCDEMO" shm create --help
  [[ "$output" == *"--size"*"4096"* ]]
  [[ "$output" == *"--mode"*"0600"* ]]
}
