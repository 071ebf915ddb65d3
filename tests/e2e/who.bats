#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# ipcdemo who (and ls --holders): the processes that map, hold or wait on each
# object, found in /proc, with real processes holding real objects.
load ipc_helpers

@test "a consumer maps a segment read-only, a producer read-write; each is named with its command and user" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  background "$IPCDEMO" shm consume "$SHM" --interval 1h
  local consumer=$BG
  wait_until_blocked "$consumer"
  background "$IPCDEMO" shm produce "$SHM" --interval 1h
  local producer=$BG
  wait_until_blocked "$producer"
  run --separate-stderr "$IPCDEMO" who "$SHM"
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  [[ "${lines[0]}" =~ ^TYPE\ +NAME\ +PID\ +USER\ +COMMAND\ +HOW$ ]]
  [[ "$output" =~ shm\ +$SHM\ +$consumer\ root\ +ipcdemo\ +mapped\ ro\ 4K ]]
  [[ "$output" =~ shm\ +$SHM\ +$producer\ root\ +ipcdemo\ +mapped\ rw\ 4K ]]
  run --separate-stderr "$IPCDEMO" who --json "$SHM"
  jq -e --argjson c "$consumer" --argjson p "$producer" '
    .processes > 0 and (.objects | length) == 1 and
    (.objects[0].holders | map(select(.pid == $c)) | .[0] | .writable == false and .way == "mapped" and .bytes == 4096) and
    (.objects[0].holders | map(select(.pid == $p)) | .[0] | .writable == true and .command == "ipcdemo" and .user == "root")' <<<"$output"
  run --separate-stderr "$IPCDEMO" ls --holders "$SHM"
  [[ "$output" == *"HOLDERS"* && "$output" == *"$consumer/ipcdemo"* && "$output" == *"$producer/ipcdemo"* ]]
}

@test "an object no one holds is 'not held' when named, and left out without a pattern" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  run --separate-stderr "$IPCDEMO" who "$SHM"
  [[ "$output" =~ shm\ +$SHM\ +-\ +-\ +-\ +not\ held ]]
  run --separate-stderr "$IPCDEMO" who
  [ "$status" -eq 0 ]
  [[ "$output" != *"$SHM"* ]]
}

@test "a segment unlinked while mapped is listed as deleted, by who and ls --holders" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  background "$IPCDEMO" shm consume "$SHM" --interval 1h
  wait_until_blocked "$BG"
  "$IPCDEMO" -q shm unlink "$SHM"
  run --separate-stderr "$IPCDEMO" who "$SHM"
  [[ "$output" =~ shm\ +$SHM\ \(deleted\)\ +$BG\ root\ +ipcdemo\ +mapped\ ro ]]
  run --separate-stderr "$IPCDEMO" ls --holders --json "$SHM"
  jq -e --argjson pid "$BG" '.[0].deleted == true and .[0].holders[0].pid == $pid and .[0].size == null' <<<"$output"
}

@test "a queue's descriptor and its mode; a blocked receiver holds it O_RDONLY" {
  "$IPCDEMO" mq create "$MQ" >/dev/null 2>&1
  background "$IPCDEMO" mq recv "$MQ"
  wait_until_blocked "$BG" wq_sleep
  run --separate-stderr "$IPCDEMO" who --type mq "$MQ"
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  [[ "$output" =~ mq\ +$MQ\ +$BG\ root\ +ipcdemo\ +fd\ [0-9]+\ O_RDONLY ]]
}

@test "the process registered with mq_notify is named, from the queue's file" {
  "$IPCDEMO" mq create "$MQ" >/dev/null 2>&1
  background "$IPCDEMO" mq notify "$MQ"
  wait_until_blocked "$BG"
  run --separate-stderr "$IPCDEMO" who "$MQ"
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  [[ "$output" =~ mq\ +$MQ\ +$BG\ root\ +ipcdemo\ +mq_notify ]]
}

@test "a semaphore's waiters are counted from its file, its holders from their maps" {
  "$IPCDEMO" sem create "$SEM" --value 0 >/dev/null
  background "$IPCDEMO" sem wait "$SEM"
  wait_until_blocked "$BG" futex
  run --separate-stderr "$IPCDEMO" who "$SEM"
  [[ "$output" =~ sem\ +$SEM\ +$BG\ root\ +ipcdemo\ +mapped\ rw ]]
  [[ "$output" =~ sem\ +$SEM\ +-\ +-\ +-\ +1\ waiting\ in\ sem_wait ]]
  run --separate-stderr "$IPCDEMO" who --json "$SEM"
  [ "$(jq '.objects[0].waiters' <<<"$output")" = 1 ]
}

@test "processes this user may not inspect are counted and said, not skipped in silence" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  chmod 644 "/dev/shm/${SHM#/}"
  background "$IPCDEMO" shm consume "$SHM" --interval 1h
  wait_until_blocked "$BG"
  chmod 755 "$TEST_DIR"
  run --separate-stderr setpriv --reuid=nobody --regid=nogroup --clear-groups "$(nobody_ipcdemo)" who --json --type shm "$SHM"
  [ "$status" -eq 0 ]
  [ "$(jq '.objects[0].holders | length' <<<"$output")" = 0 ]
  [ "$(jq '.uninspectable > 0' <<<"$output")" = true ]
  [[ "$stderr" == *"processes could not be inspected"*"run as root"* ]]
}

# Maps the file $1 shared and sleeps (bounded): a holder that is not ipcdemo.
MAPPER='import mmap, sys, time
f = open(sys.argv[1], "r+b")
m = mmap.mmap(f.fileno(), 4096)
f.close()
print("mapped", flush=True)
time.sleep(300)'

@test "holders by device and inode: through a bind mount it is held; a namesake in another /dev/shm is not" {
  command -v python3 >/dev/null || skip "python3 not installed"
  unshare --mount --propagation private true 2>/dev/null || skip "needs a private mount namespace (unshare --mount)"
  "$IPCDEMO" shm create "$SHM" >/dev/null
  mkdir "$TEST_DIR/bound"
  # Our segment, mapped through a bind mount of /dev/shm under another path.
  background unshare --mount --propagation private sh -c \
    'mount --bind /dev/shm "$1" && exec python3 -c "$2" "$1/$3"' _ "$TEST_DIR/bound" "$MAPPER" "${SHM#/}" \
    >"$TEST_DIR/bound.out"
  local through_bind=$BG
  # A segment of the same name in a /dev/shm of its own (another tmpfs), mapped.
  background unshare --mount --propagation private sh -c \
    'mount -t tmpfs tmpfs /dev/shm && head -c 4096 /dev/zero >"/dev/shm/$2" && exec python3 -c "$1" "/dev/shm/$2"' \
    _ "$MAPPER" "${SHM#/}" >"$TEST_DIR/namesake.out"
  local namesake=$BG
  wait_for_text "$TEST_DIR/bound.out" mapped
  wait_for_text "$TEST_DIR/namesake.out" mapped
  run --separate-stderr "$IPCDEMO" who --json "$SHM"
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  local pids
  pids=$(jq -r '.objects[0].holders[].pid' <<<"$output" | sort -u | tr '\n' ' ')
  [[ " $pids" == *" $through_bind "* ]] || { echo "the mapping through the bind mount is not a hold: $output"; return 1; }
  [[ " $pids" != *" $namesake "* ]] || { echo "the namesake in another /dev/shm is taken for ours: $output"; return 1; }
  # rm --unused spares what is held through another path.
  run --separate-stderr "$IPCDEMO" rm --unused "$SHM"
  [[ "$output" == *"kept shm $SHM: held by $through_bind"* ]]
  [ -e "/dev/shm/${SHM#/}" ]
}

@test "a queue of the same name in another IPC namespace is not ours; our queue's holder is" {
  unshare --ipc true 2>/dev/null || skip "needs a private IPC namespace (unshare --ipc)"
  "$IPCDEMO" mq create "$MQ" >/dev/null 2>&1
  # Ours: a receiver blocked on our (empty) queue.
  background "$IPCDEMO" mq recv "$MQ"
  local ours=$BG
  # Theirs: the same name, in an IPC namespace of its own, a receiver blocked on it.
  background unshare --ipc sh -c '"$0" -q mq create "$1" && exec "$0" mq recv "$1"' "$IPCDEMO" "$MQ"
  local theirs=$BG
  wait_until_blocked "$ours" wq_sleep
  # env, unshare and sh each exec the next: the receiver keeps the pid, once its
  # command line is ipcdemo's (NUL-separated in /proc).
  local i
  for ((i = 0; i < 1000; i++)); do
    [[ $(tr '\0' ' ' <"/proc/$theirs/cmdline" 2>/dev/null) == *"mq recv"* ]] && break
    sleep 0.01
  done
  wait_until_blocked "$theirs" wq_sleep
  run --separate-stderr "$IPCDEMO" who --json "$MQ"
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  local pids
  pids=" $(jq -r '.objects[0].holders[].pid' <<<"$output" | sort -u | tr '\n' ' ')"
  [[ "$pids" == *" $ours "* ]] || { echo "our receiver is not shown: $output"; return 1; }
  [[ "$pids" != *" $theirs "* ]] || { echo "a queue of another IPC namespace is taken for ours: $output"; return 1; }
}
