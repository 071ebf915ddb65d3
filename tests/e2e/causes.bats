#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# Messages that name the real cause, each quoted: limits and caps, the descriptor
# limit, permissions of another user's objects, usage errors, and files planted
# where an object should be.
load ipc_helpers

@test "mq create --maxmsg above the hard cap quotes the value and the caps, and suggests no sysctl" {
  run --separate-stderr "$IPCDEMO" mq create "$MQ" --maxmsg 99999999999
  [ "$status" -eq 1 ]
  [ "$stderr" = "ipcdemo: mq_open $MQ: Invalid argument; --maxmsg 99999999999 exceeds the kernel's hard cap of 65536 messages per queue (HARD_MSGMAX), which no sysctl or capability lifts (msg_max here: $(cat /proc/sys/fs/mqueue/msg_max))" ]
  run --separate-stderr "$IPCDEMO" mq create "$MQ" --msgsize 99999999999
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"--msgsize 99999999999 exceeds the kernel's hard cap of 16 MiB per message (HARD_MSGSIZEMAX = 16777216)"* ]]
  [[ "$stderr" != *sysctl\ fs.* ]]
}

@test "EMFILE from mq_open names the descriptor limit when that ran out" {
  # A dynamically linked binary needs a descriptor to load its libraries, so only
  # a static one can be started with none to spare.
  ldd "$IPCDEMO" >/dev/null 2>&1 && skip "needs the static (release) build"
  "$IPCDEMO" -q mq create "$MQ"
  # Descriptors 0 to 3 in use (bats may hold 3 already), and a limit of 4.
  run --separate-stderr bash -c 'ulimit -n 4; [ -e /dev/fd/3 ] || exec 3</dev/null; exec "$@"' _ \
    "$IPCDEMO" mq recv "$MQ" --nonblock
  [ "$status" -eq 1 ]
  [ "$stderr" = "ipcdemo: mq_open $MQ: Too many open files; the open-file limit RLIMIT_NOFILE (ulimit -n) is 4" ]
  [[ "$stderr" != *RLIMIT_MSGQUEUE* ]]
}

@test "another user's objects: info, create and unlink say whose they are and what is allowed" {
  "$IPCDEMO" -q mq create "$MQ"
  "$IPCDEMO" -q shm create "$SHM" >/dev/null
  "$IPCDEMO" -q sem create "$SEM" >/dev/null
  local nobody
  nobody="$(nobody_ipcdemo)"
  run --separate-stderr "${RUN_AS_NOBODY[@]}" "$nobody" mq info "$MQ"
  [ "$status" -eq 1 ]
  [[ "$stderr" == "ipcdemo: mq_open $MQ: Permission denied; mq info must open the queue, for reading or for writing, to ask mq_getattr; the queue exists and its mode does not give this user (uid $(id -u nobody)) read or write permission"* ]]
  [[ "$stderr" != *"'ipcdemo mq info"* ]] # never points at itself
  run --separate-stderr "${RUN_AS_NOBODY[@]}" "$nobody" mq unlink "$MQ"
  [ "$status" -eq 1 ]
  [[ "$stderr" == "ipcdemo: mq_unlink $MQ: Permission denied; "*"is a sticky directory (mode 1777): only the queue's owner or root may remove its name" ]]
  run --separate-stderr "${RUN_AS_NOBODY[@]}" "$nobody" shm create "$SHM"
  [ "$status" -eq 1 ]
  [ "$stderr" = "ipcdemo: shm_open $SHM: Permission denied; the segment exists and its mode does not give this user (uid $(id -u nobody)) read and write permission: /dev/shm$SHM belongs to root (mode 0600); shm create opens an existing segment instead of making a new one" ]
  run --separate-stderr "${RUN_AS_NOBODY[@]}" "$nobody" shm unlink "$SHM"
  [ "$status" -eq 1 ]
  [ "$stderr" = "ipcdemo: shm_unlink $SHM: Permission denied; /dev/shm$SHM belongs to root (mode 0600), and /dev/shm is a sticky directory (mode 1777): only the segment's owner or root may remove its name" ]
  run --separate-stderr "${RUN_AS_NOBODY[@]}" "$nobody" sem unlink "$SEM"
  [ "$status" -eq 1 ]
  [ "$stderr" = "ipcdemo: sem_unlink $SEM: Permission denied; /dev/shm/sem.${SEM#/} belongs to root (mode 0600), and /dev/shm is a sticky directory (mode 1777): only the semaphore's owner or root may remove its name" ]
}

@test "--install on a regular file or an empty DIR is a usage error" {
  : >"$TEST_DIR/file"
  run --separate-stderr "$IPCDEMO" --install "$TEST_DIR/file"
  [ "$status" -eq 2 ]
  [ "$stderr" = "ipcdemo: --install $TEST_DIR/file: not a directory (a regular file); DIR is where the links go" ]
  run --separate-stderr "$IPCDEMO" --install ""
  [ "$status" -eq 2 ]
  [ "$stderr" = "ipcdemo: --install '': DIR is empty; give the directory for the links" ]
}

@test "sem post --count that reaches SEM_VALUE_MAX part way says how many posts were done" {
  "$IPCDEMO" -q sem create "$SEM" --value 2147483640 >/dev/null
  run --separate-stderr "$IPCDEMO" sem post "$SEM" --count 20
  [ "$status" -eq 1 ]
  [ "$stderr" = "ipcdemo: sem_post $SEM: Value too large for defined data type; the value cannot go above SEM_VALUE_MAX (2147483647); 7 of 20 posts were done, the value is now 2147483647" ]
}

@test "tour --scene '' is a usage error" {
  run --separate-stderr "$IPCDEMO" tour --scene ""
  [ "$status" -eq 2 ]
  [ "$stderr" = "ipcdemo: --scene '': the name of a scene is needed (see --list-scenes)" ]
  [ -z "$output" ]
}

@test "a symbolic link or a directory where an object should be is named as what it is" {
  ln -s /etc/passwd "/dev/shm$SHM"
  run --separate-stderr "$IPCDEMO" shm info "$SHM"
  [ "$status" -eq 1 ]
  [[ "$stderr" == "ipcdemo: /dev/shm$SHM is a symbolic link, not a shared memory segment;"* ]]
  ln -s /etc/passwd "/dev/shm/sem.${SEM#/}"
  run --separate-stderr "$IPCDEMO" sem value "$SEM"
  [ "$status" -eq 1 ]
  [[ "$stderr" == "ipcdemo: /dev/shm/sem.${SEM#/} is a symbolic link, not a semaphore"* ]]
  local dir="/$PREFIX-dir"
  mkdir "/dev/shm$dir" "/dev/shm/sem.${dir#/}"
  for command in info "consume --count 1" "produce --count 1" create; do
    run --separate-stderr $IPCDEMO shm $command "$dir"
    [ "$status" -eq 1 ]
    [[ "$stderr" == "ipcdemo: /dev/shm$dir is a directory, not a shared memory segment"* ]]
    [ -z "$output" ]
  done
  run --separate-stderr "$IPCDEMO" sem value "$dir"
  [ "$status" -eq 1 ]
  [[ "$stderr" == "ipcdemo: /dev/shm/sem.${dir#/} is a directory, not a semaphore"* ]]
}
