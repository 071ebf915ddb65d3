#!/usr/bin/env bats
# ipcdemo ls: every kind of object with the right values, JSON that parses,
# queues with and without the mqueue file system, damaged objects listed.
load helpers
load ipc_helpers

setup_file() { ipc_setup_file; }
teardown_file() { ipc_teardown_file; }
setup() {
  ipc_setup
  Q="/$PREFIX-q"
}
teardown() {
  "$IPCDEMO" -q mq unlink "$Q" 2>/dev/null || true
  ipc_teardown
}

# ipcdemo ls in a private mount namespace with the mqueue fs mounted in the test folder.
ls_with_mqueue() { "$WITH_MQUEUE" "$TEST_DIR/mqueue" "$IPCDEMO" ls "$@"; }

@test "lists shared memory with its size and a semaphore with its value" {
  "$IPCDEMO" shm create "$SHM" --size 8K >/dev/null
  "$IPCDEMO" sem create "$SEM" --value 5 >/dev/null
  run --separate-stderr "$IPCDEMO" ls
  [ "$status" -eq 0 ]
  [[ "${lines[0]}" == "TYPE"*"NAME"*"SIZE"*"MODE"*"OWNER"*"CHANGED" ]]
  [[ "$output" =~ shm\ +$SHM\ +8192\ 0600\ +root ]]
  [[ "$output" =~ sem\ +$SEM\ +value\ 5\ 0600\ +root ]]
  run --separate-stderr "$IPCDEMO" -v ls --type sem
  [[ "$stderr" == *"stat(\"/dev/shm/sem.${SEM#/}\", {st_mode=S_IFREG|0600"*") = 0"* ]]
  [[ "$stderr" == *"sem_getvalue("* ]]
  [[ "$output" != *"$SHM"* ]]
  [[ "$output" == *"$SEM"* ]]
}

@test "--json is one JSON array with numeric sizes and stable names" {
  "$IPCDEMO" shm create "$SHM" --size 4K >/dev/null
  "$IPCDEMO" sem create "$SEM" --value 3 >/dev/null
  run --separate-stderr "$IPCDEMO" ls --json
  [ "$status" -eq 0 ]
  [ "$(jq -r --arg n "$SHM" '.[] | select(.name == $n) | "\(.type) \(.size) \(.mode) \(.owner)"' <<<"$output")" = "shm 4096 0600 root" ]
  [ "$(jq -r --arg n "$SEM" '.[] | select(.name == $n) | "\(.type) \(.value) \(.size)"' <<<"$output")" = "sem 3 null" ]
  jq -e 'type == "array" and all(.[]; has("type") and has("name") and has("changed") and has("problem"))' <<<"$output"
}

@test "reading a semaphore's value does not change it" {
  "$IPCDEMO" sem create "$SEM" --value 2 >/dev/null
  "$IPCDEMO" ls >/dev/null
  "$IPCDEMO" ls --json >/dev/null
  [ "$("$IPCDEMO" sem value "$SEM")" = 2 ]
}

@test "a damaged semaphore file is listed with what is wrong, and the rest still is" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  : >"/dev/shm/sem.$PREFIX-broken"
  run --separate-stderr "$IPCDEMO" ls
  [ "$status" -eq 0 ]
  [[ "$output" == *"/$PREFIX-broken"*"damaged"* ]]
  [[ "$output" == *"$SHM"* ]]
}

@test "without the mqueue file system, queues are not listed and the output says how to mount it" {
  grep -q " mqueue " /proc/self/mounts && skip "an mqueue fs is mounted here"
  "$IPCDEMO" mq create "$Q" >/dev/null 2>&1
  run --separate-stderr "$IPCDEMO" ls
  [ "$status" -eq 0 ]
  [[ "$stderr" == *"mount -t mqueue none /dev/mqueue"* ]]
  [[ "$output" != *"$Q"* ]]
}

@test "with the mqueue file system mounted, queues are listed with their attributes" {
  require_mount_namespace
  "$IPCDEMO" mq create "$Q" >/dev/null 2>&1
  "$IPCDEMO" -q mq send "$Q" --value 1
  run --separate-stderr ls_with_mqueue --type mq
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  [[ "$output" =~ mq\ +$Q\ +1/10\ x\ 24B\ 0600 ]]
  run --separate-stderr ls_with_mqueue --json --type mq
  [ "$(jq -r --arg n "$Q" '.[] | select(.name == $n) | "\(.curmsgs) \(.maxmsg) \(.msgsize)"' <<<"$output")" = "1 10 24" ]
  # Listing took nothing out of the queue.
  [ "$("$IPCDEMO" mq info "$Q" | sed -n 's/^curmsgs: //p')" = 1 ]
}

@test "a bad --type is a usage error" {
  run --separate-stderr "$IPCDEMO" ls --type pipe
  [ "$status" -eq 2 ]
}

@test "a queue this user may not open is listed with the reason" {
  require_mount_namespace
  require_root
  "$IPCDEMO" mq create "$Q" >/dev/null 2>&1
  chmod 755 "$TEST_DIR"
  run --separate-stderr "$WITH_MQUEUE" "$TEST_DIR/mqueue" \
    setpriv --reuid=nobody --regid=nogroup --clear-groups "$(nobody_ipcdemo)" ls --type mq
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  [[ "$output" == *"$Q"*"Permission denied"* ]]
}
