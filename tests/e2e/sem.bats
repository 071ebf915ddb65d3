#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# sem: the screenplay's semaphore scene with real concurrent processes; --try,
# --timeout, signals, damaged and forbidden semaphores, and every usage error.
load ipc_helpers

@test "create makes /dev/shm/sem.NAME with value 7, mode 0600 by default whatever the umask" {
  umask 002
  run --separate-stderr "$IPCDEMO" sem create "$SEM"
  [ "$status" -eq 0 ]
  [ "$output" = "$(printf 'path: /dev/shm/sem.%s\nvalue: 7' "${SEM#/}")" ]
  [ "$(stat -c '%a' "/dev/shm/sem.${SEM#/}")" = 600 ]
  run --separate-stderr "$IPCDEMO" sem value "$SEM"
  [ "$output" = 7 ]
}

@test "the screenplay: seven waits return at once, the eighth blocks until another process posts" {
  "$IPCDEMO" sem create "$SEM" >/dev/null
  run --separate-stderr "$IPCDEMO" sem wait "$SEM" --count 7
  [ "$status" -eq 0 ]
  [[ "$stderr" == *"7 waits done, value 7 -> 0"* ]]
  background "$IPCDEMO" sem wait "$SEM" 2>"$TEST_DIR/err"
  waiter=$BG
  wait_until_blocked "$waiter" futex
  kill -0 "$waiter" # still there: it blocked
  grep -q "is at 0: waiting until someone posts" "$TEST_DIR/err"
  run --separate-stderr "$IPCDEMO" sem post "$SEM"
  [ "$status" -eq 0 ]
  wait_status "$waiter"
  [ "$status" -eq 0 ]
  run --separate-stderr "$IPCDEMO" sem value "$SEM"
  [ "$output" = 0 ]
}

@test "post --count adds to the value; wait --count takes it" {
  "$IPCDEMO" sem create "$SEM" --value 0 >/dev/null
  "$IPCDEMO" sem post "$SEM" --count 3 2>/dev/null
  [ "$("$IPCDEMO" sem value "$SEM")" = 3 ]
  "$IPCDEMO" sem wait "$SEM" --count 2 2>/dev/null
  [ "$("$IPCDEMO" sem value "$SEM")" = 1 ]
}

@test "--try exits 3 when the wait would block; --timeout exits 3 when it expires" {
  "$IPCDEMO" sem create "$SEM" --value 1 >/dev/null
  run --separate-stderr "$IPCDEMO" sem wait "$SEM" --try --count 2
  [ "$status" -eq 3 ]
  [ "$stderr" = "ipcdemo: semaphore $SEM: its value is 0 and --try does not wait (1 of 2 waits done); post first: ipcdemo sem post $SEM" ]
  run --separate-stderr "$IPCDEMO" sem wait "$SEM" --timeout 50ms
  [ "$status" -eq 3 ]
  [ "$stderr" = "ipcdemo: semaphore $SEM: timed out after 50ms (0 of 1 waits done)" ]
  "$IPCDEMO" sem post "$SEM" 2>/dev/null
  run --separate-stderr "$IPCDEMO" sem wait "$SEM" --timeout 1h
  [ "$status" -eq 0 ]
  run --separate-stderr "$IPCDEMO" sem wait "$SEM" --try --timeout 1s
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"--try and --timeout cannot go together"* ]]
}

@test "-v narrates sem_clockwait against CLOCK_MONOTONIC with an absolute deadline" {
  "$IPCDEMO" sem create "$SEM" --value 0 >/dev/null
  run --separate-stderr "$IPCDEMO" -v sem wait "$SEM" --timeout 10ms
  [ "$status" -eq 3 ]
  [[ "$stderr" =~ sem_clockwait\(0x[0-9a-f]+,\ CLOCK_MONOTONIC,\ \{tv_sec=[0-9]+,\ tv_nsec=[0-9]+\}\)\ =\ -1\ ETIMEDOUT ]]
}

@test "SIGINT ends a blocked wait with 130, SIGTERM with 143" {
  "$IPCDEMO" sem create "$SEM" --value 0 >/dev/null
  for signal in INT:130 TERM:143; do
    background "$IPCDEMO" sem wait "$SEM" 2>"$TEST_DIR/err"
    waiter=$BG
    wait_until_blocked "$waiter" futex
    kill -"${signal%%:*}" "$waiter"
    wait_status "$waiter"
    [ "$status" -eq "${signal##*:}" ] || { echo "SIG${signal%%:*}: status $status"; return 1; }
    grep -q "interrupted by SIG${signal%%:*}" "$TEST_DIR/err"
  done
  [ "$("$IPCDEMO" sem value "$SEM")" = 0 ]
}

@test "create opens an existing semaphore and warns which settings did not apply; -x fails" {
  "$IPCDEMO" sem create "$SEM" --value 2 >/dev/null
  run --separate-stderr "$IPCDEMO" sem create "$SEM" --value 5 --mode 0660
  [ "$status" -eq 0 ]
  [[ "$stderr" == *"already existed"*"--value 5 (its value is 2)"*"--mode 0660 (it has 0600)"* ]]
  [[ "$output" == *"value: 2" ]]
  run --separate-stderr "$IPCDEMO" sem create --exclusive "$SEM"
  [ "$status" -eq 1 ]
  [ "$stderr" = "ipcdemo: sem_open $SEM: File exists; remove it first with: ipcdemo sem unlink $SEM" ]
}

@test "an unknown semaphore exits 1 with the hint to create it" {
  assert_unknown sem "$SEM" wait post value
}

@test "a damaged semaphore file is reported before use, exit 1, never a crash" {
  : >"/dev/shm/sem.${SEM#/}"
  for args in "value" "wait" "post" "wait --try" "create"; do
    run --separate-stderr "$IPCDEMO" sem $args "$SEM"
    [ "$status" -eq 1 ] || { echo "sem $args: status $status"; return 1; }
    [ "$stderr" = "ipcdemo: semaphore $SEM is damaged: /dev/shm/sem.${SEM#/} has 0 bytes, and glibc maps a semaphore's first 32; remove it with: ipcdemo sem unlink $SEM" ]
  done
  run --separate-stderr "$IPCDEMO" sem unlink "$SEM"
  [ "$status" -eq 0 ]
}

@test "an unprivileged user gets the permission error saying both read and write are needed" {
  [ "$(id -u)" -eq 0 ] || skip "needs root to switch to nobody"
  "$IPCDEMO" sem create "$SEM" >/dev/null
  run --separate-stderr setpriv --reuid=nobody --regid=nogroup --clear-groups "$(nobody_ipcdemo)" sem value "$SEM"
  [ "$status" -eq 1 ]
  [[ "$stderr" == "ipcdemo: sem_open $SEM: Permission denied; glibc opens a semaphore read-write, so /dev/shm/sem.${SEM#/} needs both read and write permission for you"* ]]
  # Read permission alone is not enough.
  chmod 0644 "/dev/shm/sem.${SEM#/}"
  run --separate-stderr setpriv --reuid=nobody --regid=nogroup --clear-groups "$(nobody_ipcdemo)" sem value "$SEM"
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"Permission denied; glibc opens a semaphore read-write"* ]]
}

@test "bad names, values, modes, counts and durations exit 2 with the rule" {
  # 252 characters fit a shared memory name but not a semaphore's: glibc adds "sem.".
  long="/$(printf 'x%.0s' {1..252})"
  assert_usage_errors sem <<EOF_CASES
create /|nothing after the slash
create a/b|contains a '/' after the first character
create $long|is 252 characters long; at most 251 are allowed
create $SEM --value 2147483648|above SEM_VALUE_MAX (2147483647)
create $SEM --value -1|is not a whole number
create $SEM --value seven|is not a whole number
create $SEM --mode rw|is not an octal mode
create $SEM --mode 4700|has setuid, setgid or sticky bits
wait $SEM --count 1.5|is not a whole number
wait $SEM --timeout forever|is not a duration
wait $SEM --timeout -2s|is not a duration
post $SEM --count x|is not a whole number
EOF_CASES
  [ ! -e "/dev/shm/sem.${SEM#/}" ]
}

@test "-v narrates sem_open and sem_wait with their real arguments" {
  run --separate-stderr "$IPCDEMO" -v sem create "$SEM" --value 1
  [ "$status" -eq 0 ]
  [[ "$stderr" =~ sem_open\(\"$SEM\",\ O_CREAT\|O_EXCL,\ 0600,\ 1\)\ =\ 0x[0-9a-f]+ ]]
  run --separate-stderr "$IPCDEMO" -v sem wait "$SEM"
  [ "$status" -eq 0 ]
  [[ "$stderr" =~ sem_open\(\"$SEM\",\ 0\)\ =\ (0x[0-9a-f]+) ]]
  address="${BASH_REMATCH[1]}"
  [[ "$stderr" == *"sem_wait($address) = 0"* ]]
  [[ "$stderr" == *"sem_close($address) = 0"* ]]
  run --separate-stderr "$IPCDEMO" -v sem post "$SEM"
  [[ "$stderr" == *"sem_post(0x"*") = 0"* ]]
  run --separate-stderr "$IPCDEMO" -v sem unlink "$SEM"
  [[ "$stderr" == *"sem_unlink(\"$SEM\") = 0"* ]]
}

@test "post past SEM_VALUE_MAX fails with EOVERFLOW and says why" {
  "$IPCDEMO" sem create "$SEM" --value 2147483647 >/dev/null
  run --separate-stderr "$IPCDEMO" sem post "$SEM"
  [ "$status" -eq 1 ]
  [ "$stderr" = "ipcdemo: sem_post $SEM: Value too large for defined data type; the value cannot go above SEM_VALUE_MAX (2147483647)" ]
}

@test "--spin takes an available semaphore by sem_trywait, and is bounded when none is" {
  "$IPCDEMO" sem create "$SEM" --value 1 >/dev/null
  run --separate-stderr "$IPCDEMO" -v sem wait "$SEM" --spin 1ms
  [ "$status" -eq 0 ]
  [[ "$stderr" =~ sem_trywait\(0x[0-9a-f]+\)\ =\ 0\ \(1\ tries ]]
  [[ "$stderr" != *"sem_wait("* ]]
  # Value 0: the spin gives up after its budget, then the timed wait gives up too.
  run --separate-stderr "$IPCDEMO" -v sem wait "$SEM" --spin 2ms --timeout 20ms
  [ "$status" -eq 3 ]
  [[ "$stderr" =~ sem_trywait\(0x[0-9a-f]+\)\ =\ -1\ EAGAIN\ \([0-9]+\ tries ]]
  [[ "$stderr" == *"sem_clockwait("* ]]
}

@test "--spin is skipped when only one CPU is usable" {
  "$IPCDEMO" sem create "$SEM" --value 0 >/dev/null
  run --separate-stderr taskset -c 0 "$IPCDEMO" -v sem wait "$SEM" --spin 1s --timeout 10ms
  [ "$status" -eq 3 ]
  [[ "$stderr" == *"only one CPU is usable"* ]]
  [[ "$stderr" != *"sem_trywait("* ]]
}
