#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# A hostile neighbour: the user nobody plants FIFOs, directories, sockets,
# symbolic links and damaged semaphore files where ipcdemo's objects should be,
# and every command that could meet them runs, as root and as nobody, under a
# time bound. Each must refuse with what it found (exit 1), never hang, never die
# of a signal, never follow a link or write through it. Then the environment:
# SIGHUP, a file-size limit, too few descriptors, a full /dev/shm, a lock left
# taken. (Races between creating and opening are in races.bats.)
load ipc_helpers

setup() {
  ipc_setup
  # A file a symbolic link points at: it must never change.
  VICTIM="$TEST_DIR/victim"
  printf 'precious' >"$VICTIM"
  chmod 666 "$VICTIM"
  chmod 755 "$TEST_DIR"
}

# Runs ipcdemo as $1 (root or nobody) with the rest as arguments, bounded to 10 s.
as() {
  local user=$1
  shift
  if [ "$user" = nobody ]; then
    run --separate-stderr timeout 10 setpriv --reuid=nobody --regid=nogroup --clear-groups "$(nobody_ipcdemo)" "$@"
  else
    run --separate-stderr timeout 10 "$IPCDEMO" "$@"
  fi
}

# Runs ipcdemo ($1) with the rest as arguments under `ulimit -n $LIMIT`, with
# nothing open but 0, 1 and 2 (bats keeps descriptors of its own open).
with_fd_limit() {
  run --separate-stderr bash -c 'for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done
    ulimit -n "$0" && exec "$@"' "$LIMIT" "$@"
}

# Exit 1 with exactly the one line $1 (a glob) on stderr: no hang (124), no signal.
refused_with() {
  [ "$status" -eq 1 ] || { echo "status $status (124: hung; above 128: died of a signal): $stderr"; return 1; }
  [[ "$stderr" == $1 ]] || { echo "stderr: $stderr"; return 1; }
  [ "$(wc -l <<<"$stderr")" -eq 1 ]
}

plant() { # plant KIND FILE-NAME
  case $1 in
    fifo) plant_fifo_as_nobody "$2" ;;
    dir) plant_dir_as_nobody "$2" ;;
    socket) plant_socket_as_nobody "$2" ;;
    symlink) plant_symlink_as_nobody "$2" "$VICTIM" ;;
  esac
}

type_name() {
  case $1 in
    fifo) echo "a FIFO" ;;
    dir) echo "a directory" ;;
    socket) echo "a socket" ;;
    symlink) echo "a symbolic link" ;;
  esac
}

victim_intact() {
  [ "$(cat "$VICTIM")" = precious ] || { echo "the link was written through: $(od -c "$VICTIM")"; return 1; }
}

# After KIND was planted at PATH, where GROUP's object NAME (NOUN) should be: ls
# lists NAME with what is there; unlink removes a FIFO, socket or link by its name
# (nothing is opened or followed) and says what it was, and refuses a directory.
listed_and_unlinked() {
  local group=$1 name=$2 path=$3 kind=$4 noun=$5
  as root ls --type "$group"
  [ "$status" -eq 0 ]
  [[ "$output" == *"$name"*"($path is $(type_name "$kind"), not $noun)"* ]]
  if [ "$kind" = dir ]; then
    as root "$group" unlink "$name"
    [ "$status" -eq 1 ]
    [[ "$stderr" == *"$path is a directory, not $noun"* ]]
    rmdir "$path"
  else
    as nobody "$group" unlink "$name"
    [ "$status" -eq 0 ]
    [[ "$stderr" == *"$path was $(type_name "$kind"), not $noun: removed its name"* ]]
    [ ! -e "$path" ] && [ ! -L "$path" ]
  fi
  victim_intact
}

@test "a FIFO, directory, socket or symlink named like a segment is refused by every shm command" {
  for kind in fifo dir socket symlink; do
    plant "$kind" "${SHM#/}"
    local expected="ipcdemo: /dev/shm$SHM is $(type_name "$kind"), not a shared memory segment; ipcdemo leaves it alone: use another name, or have its owner (nobody) remove it"
    for user in root nobody; do
      for args in "shm info" "shm create" "shm create --exclusive" "shm produce -c 1" "shm consume -c 1" \
        "shm produce -c 1 --sync sem" "shm produce -c 1 --sync atomic"; do
        as "$user" -q $args "$SHM"
        refused_with "$expected" || { echo "$kind, $user: $args"; return 1; }
        [[ "$output" != *counter* && "$output" != *size:* ]] # info printed nothing about it
      done
    done
    victim_intact
    # ls shows it with what it is; unlink removes the name (nothing is followed) and says what it was.
    listed_and_unlinked shm "$SHM" "/dev/shm$SHM" "$kind" "a shared memory segment"
    [ ! -e "/dev/shm/sem.${SHM#/}-lock" ] # no lock was made for a segment refused
  done
}

@test "a FIFO, directory, socket or symlink as a semaphore's file is refused by every sem command and --sync sem" {
  for kind in fifo dir socket symlink; do
    plant "$kind" "sem.${SEM#/}"
    local expected="ipcdemo: /dev/shm/sem.${SEM#/} is $(type_name "$kind"), not a semaphore; ipcdemo leaves it alone: use another name, or have its owner (nobody) remove it"
    "$IPCDEMO" shm create "$SHM" >/dev/null
    chmod 666 "/dev/shm$SHM"
    for user in root nobody; do
      for args in "sem create $SEM" "sem create --exclusive $SEM" "sem value $SEM" "sem post $SEM" \
        "sem wait --try $SEM" "sem wait --timeout 1s $SEM" "sem wait $SEM" \
        "shm produce -c 1 --sync sem --lock $SEM $SHM"; do
        as "$user" -q $args
        if [ "$args" = "sem create --exclusive $SEM" ]; then
          # glibc's link(2) of its new file finds the name taken, whatever it is.
          [ "$status" -eq 1 ] && [[ "$stderr" == *"is $(type_name "$kind"), not a semaphore"* || "$stderr" == *"File exists"* ]] ||
            { echo "$kind, $user: $args: $status $stderr"; return 1; }
          continue
        fi
        refused_with "$expected" || { echo "$kind, $user: $args"; return 1; }
      done
    done
    victim_intact
    [ "$("$IPCDEMO" shm info "$SHM" | grep '^counter:')" = "counter: 0" ] # no increment without its lock
    listed_and_unlinked sem "$SEM" "/dev/shm/sem.${SEM#/}" "$kind" "a semaphore"
    "$IPCDEMO" -q shm unlink "$SHM"
  done
}

@test "a FIFO we may not open is still named for what it is, not as a permission problem" {
  record_planted "${SHM#/}"
  record_planted "sem.${SEM#/}"
  mkfifo -m 0600 "/dev/shm$SHM" "/dev/shm/sem.${SEM#/}" # root's, and closed to nobody
  for args in "shm info $SHM" "shm consume -c 1 $SHM" "sem value $SEM"; do
    as nobody $args
    refused_with "ipcdemo: /dev/shm*is a FIFO, not a *; ipcdemo leaves it alone: use another name, or have its owner (root) remove it" ||
      { echo "$args"; return 1; }
  done
}

@test "a symlink planted as a segment's name is never followed: create makes nothing through it" {
  # A link to a file that does not exist yet: following it would create it.
  plant_symlink_as_nobody "${SHM#/}" "$TEST_DIR/made-through-the-link"
  for user in root nobody; do
    as "$user" -q shm create "$SHM" --size 64
    refused_with "*is a symbolic link, not a shared memory segment*"
  done
  [ ! -e "$TEST_DIR/made-through-the-link" ]
  [ -L "/dev/shm$SHM" ]
}

@test "damaged semaphore files are found before glibc touches them: each field, every command" {
  # name|bytes (printf format)|what the message says
  local cases=(
    "short|\x01\0\0\0|has 4 bytes, and glibc maps a semaphore's first 32"
    "value|\0\0\0\x80\0\0\0\0\x80\0\0\0$(printf '\\0%.0s' $(seq 20))|holds the value 2147483648, above SEM_VALUE_MAX (2147483647)"
    "private0|$(sem_bytes 1 0)|has 0 in its private field, where glibc writes 128 (shared between processes): a post would never wake a waiter in another process"
    "private5|$(sem_bytes 1 5)|has 5 in its private field, where glibc writes 128 (shared between processes): futex(2) would get an operation it does not know, and glibc abort"
  )
  "$IPCDEMO" shm create "$SHM" >/dev/null
  chmod 666 "/dev/shm$SHM"
  for case in "${cases[@]}"; do
    IFS='|' read -r label bytes problem <<<"$case"
    plant_sem_file_as_nobody "${SEM#/}" "$bytes"
    local expected="ipcdemo: semaphore $SEM is damaged: /dev/shm/sem.${SEM#/} $problem; remove it with: ipcdemo sem unlink $SEM"
    local before
    before=$(od -An -tx1 "/dev/shm/sem.${SEM#/}")
    for user in root nobody; do
      for args in "sem value $SEM" "sem post $SEM" "sem wait --try $SEM" "sem wait --timeout 1s $SEM" \
        "sem create $SEM" "shm produce -c 1 --sync sem --lock $SEM $SHM"; do
        as "$user" -q $args
        refused_with "$expected" || { echo "$label, $user: $args"; return 1; }
      done
    done
    [ "$(od -An -tx1 "/dev/shm/sem.${SEM#/}")" = "$before" ] # read, never written
    as root ls --type sem
    [ "$status" -eq 0 ] && [[ "$output" == *"$SEM"*"(semaphore $SEM is damaged: "* ]]
    rm -f "/dev/shm/sem.${SEM#/}"
  done
  # The check is honest: what glibc itself writes passes it, and so do bytes after
  # the 32 it maps, which glibc leaves alone.
  for extra in "" '\0\0\0\0'; do
    plant_sem_file_as_nobody "${SEM#/}" "$(sem_bytes 3)$extra"
    as nobody sem value "$SEM"
    [ "$status" -eq 0 ] && [ "$output" = 3 ]
    rm -f "/dev/shm/sem.${SEM#/}"
  done
}

@test "SIGHUP ends a producer and a blocked waiter like SIGTERM: exit 129" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  "$IPCDEMO" sem create "$SEM" --value 0 >/dev/null
  background "$IPCDEMO" shm produce "$SHM" --interval 10ms >/dev/null 2>"$TEST_DIR/err-produce"
  local producer=$BG
  background "$IPCDEMO" sem wait "$SEM" 2>"$TEST_DIR/err-wait"
  local waiter=$BG
  wait_until_blocked "$waiter" futex
  kill -HUP "$producer" "$waiter"
  wait_status "$producer"
  [ "$status" -eq 129 ]
  grep -q "interrupted by SIGHUP" "$TEST_DIR/err-produce"
  wait_status "$waiter"
  [ "$status" -eq 129 ]
  # 129 is also what a shell reports for death by SIGHUP: the message proves a clean exit.
  grep -q "interrupted by SIGHUP" "$TEST_DIR/err-wait"
}

@test "SIGHUP ends the tour with 129 and removes its objects" {
  # --pause holds the tour inside the scene, its objects made, waiting for Enter in
  # a terminal (without one, --pause does not wait).
  tty_start sh -c 'echo "shell pid $$"; "$0" tour --scene sem --pause; echo "tour exited with status $?"; exec cat' \
    "$IPCDEMO"
  tty_wait_for "[Enter to continue]"
  local shell tour
  shell=$(tty_screen | sed -n 's/^shell pid \([0-9]*\).*/\1/p')
  tour=$(pgrep -P "$shell" -x ipcdemo)
  [ -n "$tour" ] || { tty_screen; return 1; }
  own_tour "ipcdemo-tour-$tour-"
  ls /dev/shm | grep -q "^sem\.ipcdemo-tour-$tour-" || { tty_screen; return 1; }
  kill -HUP "$tour"
  tty_wait_for "tour exited with status 129"
  tty_screen -S - | grep -q "interrupted by SIGHUP"
  ! ls /dev/shm | grep -q "ipcdemo-tour-$tour-"
}

@test "a file-size limit during shm create: the limit is named and no half-made segment is left" {
  run --separate-stderr bash -c 'ulimit -f 1 && exec "$1" shm create "$2" --size 1M' _ "$IPCDEMO" "$SHM"
  [ "$status" -eq 1 ] || { echo "status $status: $stderr"; return 1; }
  [ "$stderr" = "ipcdemo: ftruncate $SHM: File too large; --size 1048576 is above the file-size limit RLIMIT_FSIZE (ulimit -f) of 1024 bytes; nothing was created" ]
  [ ! -e "/dev/shm$SHM" ]
}

@test "a file-size limit during sem create: the limit is named and nothing is left" {
  # ulimit -f 0: glibc's write of the semaphore's 32 bytes is refused.
  # Its messages go through a pipe: under the limit, a write to a file would fail too.
  run bash -c 'set -o pipefail; (ulimit -f 0 && exec "$1" sem create "$2") 2>&1 | cat' _ "$IPCDEMO" "$SEM"
  [ "$status" -eq 1 ] || { echo "status $status: $output"; return 1; }
  [ "$output" = "ipcdemo: sem_open $SEM: File too large; glibc writes a semaphore as a file of 32 bytes, above the file-size limit RLIMIT_FSIZE (see: ulimit -f); nothing was created" ]
  [ ! -e "/dev/shm/sem.${SEM#/}" ]
}

@test "too few descriptors: the command fails with the limit named" {
  # UBSan's own checks need descriptors (they misreport a valid vptr without them).
  ! ldd "$IPCDEMO" 2>/dev/null | grep -q 'lib[at]san' || skip "a sanitizer runtime needs descriptors of its own"
  "$IPCDEMO" shm create "$SHM" >/dev/null
  if ldd "$IPCDEMO" >/dev/null 2>&1; then
    # A dynamic binary's loader needs a descriptor of its own to start at all, so
    # ulimit -n 3 stops it before main(); 4 leaves one, which --sync sem outgrows.
    LIMIT=4 with_fd_limit "$IPCDEMO" -q shm produce -c 1 --sync sem "$SHM"
    [ "$status" -eq 1 ] || { echo "status $status: $stderr"; return 1; }
    [[ "$stderr" == *": Too many open files; the open-file limit RLIMIT_NOFILE (ulimit -n) is 4" ]]
  else
    for args in "ls" "shm info $SHM" "sem value $SEM" "mq info $MQ" "tour --scene shm"; do
      LIMIT=3 with_fd_limit "$IPCDEMO" $args
      [ "$status" -eq 1 ] || { echo "$args: status $status: $output $stderr"; return 1; }
      [[ "$stderr" == *"ulimit -n"* ]]
    done
  fi
}

@test "ls that cannot read /dev/shm fails instead of printing an empty listing" {
  # A private mount namespace: a /dev/shm that nobody may read.
  run --separate-stderr unshare -m sh -c 'mount -t tmpfs -o mode=0700 none /dev/shm &&
    exec setpriv --reuid=nobody --regid=nogroup --clear-groups "$1" ls --type shm' _ "$(nobody_ipcdemo)"
  [ "$status" -eq 1 ] || { echo "status $status: $output $stderr"; return 1; }
  [ "$stderr" = "ipcdemo: open /dev/shm: Permission denied" ]
  [ -z "$output" ]
}

# In a private mount namespace, a /dev/shm of 64 KiB that is then filled up.
full_shm() {
  run --separate-stderr unshare -m bash -c '
    mount -t tmpfs -o size=64k none /dev/shm || exit 99
    "$1" shm create "$2" --size 1M >/dev/null || exit 98
    "$1" -q sem create "$2-lock" --value 1 >/dev/null || exit 97
    head -c 1M /dev/zero >/dev/shm/fill 2>/dev/null
    "$1" "${@:3}" "$2"; status=$?
    echo "lock: $("$1" sem value "$2-lock")"
    exit $status' _ "$IPCDEMO" "$SHM" "$@"
}

@test "SIGBUS on a segment whose size is intact says /dev/shm is full, not truncated" {
  full_shm shm produce -c 1
  [ "$status" -eq 1 ] || { echo "status $status: $stderr"; return 1; }
  [ "$stderr" = "ipcdemo: $SHM: SIGBUS: no space left on /dev/shm (its tmpfs is full: see df /dev/shm); the size is intact" ]
}

@test "SIGBUS inside the --sync sem lock gives the lock back first: /dev/shm full" {
  full_shm shm produce -c 1 --sync sem
  [ "$status" -eq 1 ] || { echo "status $status: $stderr"; return 1; }
  [[ "$stderr" == *"SIGBUS: no space left on /dev/shm"* ]]
  [ "$output" = "lock: 1" ]
}

@test "SIGBUS inside the --sync sem lock gives the lock back first: segment truncated" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  background "$IPCDEMO" shm produce "$SHM" --interval 0 --sync sem >/dev/null 2>"$TEST_DIR/err"
  local producer=$BG
  # Every access to the counter is inside the lock: the fault cannot miss it.
  for _ in $(seq 500); do [ -e "/dev/shm/sem.${SHM#/}-lock" ] && break; sleep 0.01; done
  truncate -s 0 "/dev/shm$SHM"
  wait_status "$producer"
  [ "$status" -eq 1 ]
  grep -q "SIGBUS: it was truncated to 0 bytes while mapped" "$TEST_DIR/err"
  [ "$("$IPCDEMO" sem value "$SHM-lock")" = 1 ]
}

@test "a producer waiting over a second for the lock says so once, with the way out" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  "$IPCDEMO" -q sem create "$SHM-lock" --value 0 # as a producer killed holding it leaves it
  background "$IPCDEMO" shm produce "$SHM" -c 1 --sync sem >/dev/null 2>"$TEST_DIR/err"
  local producer=$BG
  wait_for_text "$TEST_DIR/err" "waiting more than 1 s"
  "$IPCDEMO" -q sem post "$SHM-lock"
  wait_status "$producer"
  [ "$status" -eq 0 ]
  [ "$(grep -c "waiting more than 1 s for lock semaphore $SHM-lock" "$TEST_DIR/err")" -eq 1 ]
  grep -q "reset it with: ipcdemo sem unlink $SHM-lock" "$TEST_DIR/err"
}

@test "the tour works inside a PID namespace, where it is PID 1" {
  unshare --pid --fork --mount-proc true 2>/dev/null || skip "unshare --pid --mount-proc is not allowed here"
  run --separate-stderr timeout 120 unshare --pid --fork --mount-proc "$IPCDEMO" tour --scene sem
  own_tour "$(tour_prefix <<<"$output")"
  [ "$status" -eq 0 ] || { echo "$output $stderr"; return 1; }
  [[ "$output" == *"ipcdemo-tour-1-"* ]]
  [[ "$output" == *"(waiter is blocked: state S in /proc/"* ]]
}

@test "a leftover holding the tour's name cannot mislead it: names are random and created exclusively" {
  run --separate-stderr "$IPCDEMO" tour --scene sem
  own_tour "$(tour_prefix <<<"$output")"
  [ "$status" -eq 0 ]
  [[ "$output" =~ sem\ create\ /ipcdemo-tour-[0-9]+-[0-9a-f]{8}-sem\ --value\ 7\ --exclusive ]]
}

@test "the mqueue file system itself refuses FIFOs, directories and links: queues need no such check" {
  run unshare -m sh -c 'mount -t mqueue none "$1" &&
    for make in "mkfifo $1/f" "mkdir $1/d" "ln -s /etc/passwd $1/l"; do
      setpriv --reuid=nobody --regid=nogroup --clear-groups $make 2>/dev/null && echo "made: $make"
    done; true' _ "$TEST_DIR"
  [ "$status" -eq 0 ]
  [ -z "$output" ]
}

@test "an unprivileged user creates a segment: the unnamed file is linked without privilege" {
  as nobody shm create "$SHM" --size 8K
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  [ "$(stat -c '%U %a %s' "/dev/shm$SHM")" = "nobody 600 8192" ]
}

@test "a planted waiters field is no count: ls says so, who and watch show none" {
  # value 1, waiters 0xffffffff, private 128, the rest zeros
  plant_sem_file_as_nobody "${SEM#/}" "\x01\0\0\0\xff\xff\xff\xff\x80\0\0\0$(printf '\\0%.0s' $(seq 20))"
  run --separate-stderr "$IPCDEMO" ls --type sem "$SEM"
  [[ "$output" == *"holds 4294967295 in its waiters field: no count of sleepers (planted or damaged)"* ]]
  run --separate-stderr "$IPCDEMO" who --json "$SEM"
  [ "$(jq '.objects[0].waiters' <<<"$output")" = null ]
  run --separate-stderr "$IPCDEMO" watch --count 1 --type sem "$SEM"
  [[ "$output" != *4294967295* ]]
}
