#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# ipcdemo rm: patterns, --unused, --dry-run, no pattern is no removal; and unlink
# without NAME refuses another user's default object.
load ipc_helpers

teardown() {
  [ -z "${NOBODY_QUEUE:-}" ] || "$IPCDEMO" -q mq unlink "$NOBODY_QUEUE" 2>/dev/null || true
  ipc_teardown
}

make_three() {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  "$IPCDEMO" sem create "$SEM" >/dev/null
  "$IPCDEMO" mq create "$MQ" >/dev/null 2>&1
}

@test "no pattern is a usage error and removes nothing" {
  make_three
  run --separate-stderr "$IPCDEMO" rm
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"at least one PATTERN"* ]]
  run --separate-stderr "$IPCDEMO" rm --type shm
  [ "$status" -eq 2 ]
  [ -e "/dev/shm/${SHM#/}" ] && [ -e "/dev/shm/sem.${SEM#/}" ]
}

@test "a pattern removes every kind that matches and prints each removal" {
  make_three
  "$IPCDEMO" shm create "/other-$PREFIX" >/dev/null
  run --separate-stderr "$IPCDEMO" rm "$PREFIX-*"
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  [[ "$output" == *"removed shm $SHM"* && "$output" == *"removed sem $SEM"* && "$output" == *"removed mq $MQ"* ]]
  [ "${#lines[@]}" -eq 3 ]
  [ ! -e "/dev/shm/${SHM#/}" ] && [ ! -e "/dev/shm/sem.${SEM#/}" ]
  run "$IPCDEMO" mq info "$MQ"
  [ "$status" -ne 0 ]
  [ -e "/dev/shm/other-$PREFIX" ]
  rm -f "/dev/shm/other-$PREFIX"
}

@test "--type limits the kinds; --dry-run removes nothing" {
  make_three
  run --separate-stderr "$IPCDEMO" rm --type sem,mq "$PREFIX-*" --dry-run
  [ "$status" -eq 0 ]
  [[ "$output" == *"would remove sem $SEM"* && "$output" == *"would remove mq $MQ"* && "$output" != *"$SHM"* ]]
  [ -e "/dev/shm/sem.${SEM#/}" ]
  run --separate-stderr "$IPCDEMO" rm --type sem "$PREFIX-*"
  [ "$output" = "removed sem $SEM" ]
  [ -e "/dev/shm/${SHM#/}" ]
}

@test "--unused keeps what a process holds and says who" {
  make_three
  background "$IPCDEMO" shm consume "$SHM" --interval 1h
  wait_until_blocked "$BG"
  run --separate-stderr "$IPCDEMO" rm --unused "$PREFIX-*"
  [ "$status" -eq 0 ]
  [[ "$output" == *"kept shm $SHM: held by $BG (ipcdemo, mapped ro 4K)"* ]]
  [[ "$output" == *"removed sem $SEM"* ]]
  [ -e "/dev/shm/${SHM#/}" ]
}

@test "nothing matching is exit 1 with a warning" {
  run --separate-stderr "$IPCDEMO" rm "$PREFIX-nothing-*"
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"no object matches"* ]]
}

@test "unlink without NAME refuses another user's default object (exit 2), and removes it when named" {
  [ -e /dev/shm/mein-shared-dings ] && skip "a default segment exists already"
  plant_as_nobody mein-shared-dings
  run --separate-stderr "$IPCDEMO" shm unlink
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"/mein-shared-dings is the default name and the object is not yours (owner: nobody)"* ]]
  [[ "$stderr" == *"ipcdemo shm unlink /mein-shared-dings"* ]]
  [ -e /dev/shm/mein-shared-dings ]
  "$IPCDEMO" -q shm unlink /mein-shared-dings
  [ ! -e /dev/shm/mein-shared-dings ]
}

@test "unlink without NAME of another user's default queue asks for the name too" {
  "$IPCDEMO" mq info /meine-queue >/dev/null 2>&1 && skip "a default queue exists already"
  chmod 755 "$TEST_DIR"
  NOBODY_QUEUE=/meine-queue
  setpriv --reuid=nobody --regid=nogroup --clear-groups "$(nobody_ipcdemo)" -q mq create
  run --separate-stderr "$IPCDEMO" mq unlink
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"not yours"* ]]
  "$IPCDEMO" -q mq unlink /meine-queue
}

@test "unlink without NAME still removes the default object when it is ours" {
  [ -e /dev/shm/sem.meine-semaphore ] && skip "a default semaphore exists already"
  "$IPCDEMO" sem create >/dev/null
  run --separate-stderr "$IPCDEMO" sem unlink
  [ "$status" -eq 0 ]
  [ ! -e /dev/shm/sem.meine-semaphore ]
}

@test "a removal that fails is said, the others are still done, and the status is 1" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  plant_as_nobody "$PREFIX-nobodys"
  chmod 755 "$TEST_DIR"
  run --separate-stderr setpriv --reuid=nobody --regid=nogroup --clear-groups "$(nobody_ipcdemo)" rm --type shm "$PREFIX-*"
  [ "$status" -eq 1 ]
  [[ "$output" == *"removed shm /$PREFIX-nobodys"* ]]
  [[ "$stderr" == *"shm_unlink"*"$SHM"*"denied"* ]] || [[ "$stderr" == *"shm_unlink"*"$SHM"*"not permitted"* ]]
  [ -e "/dev/shm/${SHM#/}" ]
  [ ! -e "/dev/shm/$PREFIX-nobodys" ]
}

@test "an empty pattern is a usage error, in rm and ls alike" {
  make_three
  for command in rm ls; do
    run --separate-stderr "$IPCDEMO" $command ''
    [ "$status" -eq 2 ] || { echo "$command: $status"; return 1; }
    [ "$stderr" = "ipcdemo: PATTERN '' matches no name: a name has at least one character after the /; to mean every object, say so: '*'" ]
  done
  [ -e "/dev/shm/${SHM#/}" ] && [ -e "/dev/shm/sem.${SEM#/}" ]
}

@test "entries that are no object are left alone, said the same with --dry-run, and block nothing" {
  # sem. alone is a name every user shares: planted in a /dev/shm of this test's own.
  unshare --ipc --mount --propagation private true 2>/dev/null ||
    skip "needs private IPC and mount namespaces (unshare --ipc --mount)"
  # shellcheck disable=SC2016 # expanded by the inner shell
  run unshare --ipc --mount --propagation private sh -c '
    mount -t tmpfs tmpfs /dev/shm && cd /dev/shm || exit 99
    "$0" -q shm create a && touch sem. && mkdir d && mkfifo f || exit 98
    echo "dry run:"; "$0" rm --dry-run "*"; echo "status $?"
    echo "real run:"; "$0" rm "*"; echo "status $?"
    echo "again:"; "$0" rm "*" 2>&1; echo "status $?"
    ls -A /dev/shm | tr "\n" " "' "$IPCDEMO"
  local dry real
  dry=$(sed -n '/^dry run:/,/^real run:/p' <<<"$output" | grep -v '^would remove\|run:')
  real=$(sed -n '/^real run:/,/^again:/p' <<<"$output" | grep -v '^removed\|run:\|^again:')
  # What the dry run says it would leave is what the real run leaves, line for line.
  [ "$dry" = "$real" ] || { echo "$output"; return 1; }
  [[ "$real" == *"left alone: /dev/shm/d is a directory, not a shared memory segment"* ]]
  [[ "$real" == *"left alone: /dev/shm/f is a FIFO, not a shared memory segment"* ]]
  [[ "$real" == *"left alone: /dev/shm/sem. names no semaphore: nothing follows 'sem.'"* ]]
  [[ "$real" == *"status 0"* ]] || { echo "$output"; return 1; }
  [[ "$output" == *$'would remove shm /a\n'* && "$output" == *$'removed shm /a\n'* ]]
  [[ "$output" == *"ipcdemo: warning: no object matches * (left alone: 3 entries that are no object)"*"status 1"* ]]
  [[ "$output" == *"d f sem. " ]] || { echo "$output"; return 1; }
}
