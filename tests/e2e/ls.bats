#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# ipcdemo ls: every kind of object with the right values, JSON that parses,
# queues with and without the mqueue file system, damaged objects listed.
load ipc_helpers

setup() {
  ipc_setup
  Q=$MQ # the name this file's tests use; ipc_teardown removes it
}

# ipcdemo ls in a private mount namespace with the mqueue fs mounted in the test folder.
ls_with_mqueue() { "$WITH_MQUEUE" "$TEST_DIR/mqueue" "$IPCDEMO" ls "$@"; }

@test "lists shared memory with its size and a semaphore with its value" {
  "$IPCDEMO" shm create "$SHM" --size 8K >/dev/null
  "$IPCDEMO" sem create "$SEM" --value 5 >/dev/null
  run --separate-stderr "$IPCDEMO" ls
  [ "$status" -eq 0 ]
  [[ "${lines[0]}" == "TYPE"*"NAME"*"SIZE"*"MODE"*"OWNER"*"GROUP"*"MTIME"*"CTIME" ]]
  [[ "$output" =~ shm\ +$SHM\ +8K\ 0600\ +root\ +root\ +[0-9]{4}-[0-9]{2}-[0-9]{2}\ [0-9:]{8}\ +[0-9]{4}- ]]
  [[ "$output" =~ sem\ +$SEM\ +value\ 5\ 0600\ +root ]]
  run --separate-stderr "$IPCDEMO" -v ls --type sem
  # Stat'ed by name in /dev/shm, opened once for the listing: no path walk per object.
  [[ "$stderr" == *"fstatat("*", \"sem.${SEM#/}\", {st_mode=S_IFREG|0600"*"AT_SYMLINK_NOFOLLOW) = 0"* ]]
  # One open and one pread of glibc's 32 bytes: checked and read at once, never sem_open'ed.
  [ "$(grep -c "open(\"/dev/shm/sem.${SEM#/}\"" <<<"$stderr")" -eq 1 ]
  [[ "$stderr" == *"pread64("*", 32, 0) = 32"* && "$stderr" != *sem_open* ]]
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

@test "without the mqueue file system, a user's ls, who, rm and watch say queues are unlisted: exit 4, never 0" {
  grep -q " mqueue " /proc/self/mounts && skip "an mqueue fs is mounted here"
  "$IPCDEMO" mq create "$Q" >/dev/null 2>&1
  chmod 755 "$TEST_DIR"
  local words
  for words in "ls" "ls --type mq --json" "who" "rm ${Q#/}" "watch --count 1"; do
    # shellcheck disable=SC2086 # the command's words
    run --separate-stderr setpriv --reuid=nobody --regid=nogroup --clear-groups "$(nobody_ipcdemo)" $words
    [ "$status" -eq 4 ] || { echo "$words: status $status"; return 1; }
    [[ "$stderr" == *"message queues are not listed"*"mount -t mqueue none /dev/mqueue"* ]]
    [[ "$output" != *"$Q"* ]]
  done
  [[ "$output" == *'"queues_listed":false'* ]] # watch's JSON line says it too
  "$IPCDEMO" mq info "$Q" >/dev/null # rm removed nothing it could not see
  # Root whose private mount of the mqueue file system fails: the same (issue #25).
  if command -v strace >/dev/null && ! ldd "$IPCDEMO" 2>/dev/null | grep -q 'lib[at]san'; then
    run --separate-stderr strace -f -qq -o /dev/null -e trace=unshare -e inject=unshare:error=EPERM "$IPCDEMO" ls --type mq
    [ "$status" -eq 4 ] || { echo "root, unshare refused: status $status"; return 1; }
    [[ "$stderr" == *"message queues are not listed: "*"a private mount failed (unshare CLONE_NEWNS: Operation not permitted)"* ]]
  fi
  # Asked for no queues, a listing is complete.
  run --separate-stderr setpriv --reuid=nobody --regid=nogroup --clear-groups "$(nobody_ipcdemo)" ls --type shm,sem
  [ "$status" -eq 0 ]
}

@test "without the mqueue file system, root's ls lists queues through a private mount and mounts nothing" {
  grep -q " mqueue " /proc/self/mounts && skip "an mqueue fs is mounted here"
  "$IPCDEMO" mq create "$Q" >/dev/null 2>&1
  "$IPCDEMO" -q mq send "$Q" --value 1
  local before
  before="$(cat /proc/self/mounts)"
  run --separate-stderr "$IPCDEMO" ls --type mq
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  [[ "$output" =~ mq\ +$Q\ +1/10\ x\ 24B\ 0600 ]]
  [[ "$stderr" != *"not listed"* ]]
  [ "$(cat /proc/self/mounts)" = "$before" ]
}

@test "patterns choose objects by name, with or without the slash" {
  "$IPCDEMO" shm create "/$PREFIX-a1" >/dev/null
  "$IPCDEMO" shm create "/$PREFIX-b1" >/dev/null
  "$IPCDEMO" sem create "/$PREFIX-a2" >/dev/null
  run --separate-stderr "$IPCDEMO" ls "$PREFIX-a*"
  [ "$status" -eq 0 ]
  [[ "$output" == *"/$PREFIX-a1"* && "$output" == *"/$PREFIX-a2"* && "$output" != *"/$PREFIX-b1"* ]]
  run --separate-stderr "$IPCDEMO" ls "/$PREFIX-?1" "/$PREFIX-a2"
  [ "${#lines[@]}" -eq 4 ]
}

@test "--type is repeatable and takes a list; a bad one in a list is a usage error" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  "$IPCDEMO" sem create "$SEM" >/dev/null
  "$IPCDEMO" mq create "$Q" >/dev/null 2>&1
  run --separate-stderr "$IPCDEMO" ls --type shm --type sem "$PREFIX-*"
  [[ "$output" == *"$SHM"* && "$output" == *"$SEM"* && "$output" != *"$Q"* ]]
  run --separate-stderr "$IPCDEMO" ls --type sem,mq "$PREFIX-*"
  [[ "$output" != *"$SHM"* && "$output" == *"$SEM"* && "$output" == *"$Q"* ]]
  run --separate-stderr "$IPCDEMO" ls --type sem,pipe
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"--type: 'pipe' is not one of"* ]]
}

@test "--output chooses columns, --noheadings drops the header, --bytes gives exact sizes" {
  "$IPCDEMO" shm create "$SHM" --size 1536 >/dev/null
  run --separate-stderr "$IPCDEMO" ls -o NAME,SIZE "$SHM"
  [[ "${lines[0]}" =~ ^NAME\ +SIZE$ ]]
  [[ "${lines[1]}" =~ ^$SHM\ +1.5K$ ]]
  run --separate-stderr "$IPCDEMO" ls -o name,size,uid --bytes --noheadings "$SHM"
  [ "${#lines[@]}" -eq 1 ]
  [[ "${lines[0]}" =~ ^$SHM\ +1536\ +0$ ]]
  run --separate-stderr "$IPCDEMO" ls -o +PATH "$SHM"
  [[ "${lines[0]}" == "TYPE"*"CTIME"*"PATH" ]]
  [[ "${lines[1]}" == *" 0600 "*"/dev/shm/${SHM#/}" ]]
  run --separate-stderr "$IPCDEMO" ls -o NAME,COLOUR
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"unknown column 'COLOUR'"*"TYPE,NAME"* ]]
}

# Names in any script: every column starts at the same place on the screen,
# counted with Python's Unicode database (wide and fullwidth: two columns; marks
# and format characters: none), independently of ipcdemo's own table.
columns_line_up() {
  python3 -c '
import sys, unicodedata
def width(text):
    return sum(0 if unicodedata.category(c) in ("Mn", "Me", "Cf") else
               2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)
lines = [line for line in sys.stdin.read().split("\n") if line]
marker = sys.argv[1]
starts = {width(line[:line.rindex(marker)]) for line in lines}
if len(starts) != 1:
    sys.exit("columns do not line up: " + repr(lines))
' "$1"
}

@test "columns line up on the screen for accented, combining, CJK and emoji names" {
  local suffix
  for suffix in plain é $'e\xcc\x81' 日本語 ＡＢ 😀x; do
    "$IPCDEMO" shm create "$SHM-$suffix" --size 1536 >/dev/null
  done
  run --separate-stderr "$IPCDEMO" ls -o NAME,SIZE --noheadings "$SHM-*"
  [ "$status" -eq 0 ] && [ "${#lines[@]}" -eq 6 ] || { echo "$output$stderr"; return 1; }
  columns_line_up " 1.5K" <<<"$output"
  run --separate-stderr "$IPCDEMO" ls -o NAME,TYPE,SIZE "$SHM-*"
  columns_line_up " shm " <<<"$(tail -n +2 <<<"$output")"
  run --separate-stderr "$IPCDEMO" who "$SHM-*"
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  columns_line_up " not held" <<<"$(tail -n +2 <<<"$output")"
}

@test "--json types every column: numbers, strings and null; --output keeps only its columns" {
  "$IPCDEMO" shm create "$SHM" --size 1536 >/dev/null
  "$IPCDEMO" sem create "$SEM" --value 4 >/dev/null
  run --separate-stderr "$IPCDEMO" ls --json "$PREFIX-*"
  jq -e --arg s "$SHM" --arg m "$SEM" '
    (.[] | select(.name == $s) | .size == 1536 and .value == null and .uid == 0 and .gid == 0
      and (.mtime | test("^[0-9-]+T[0-9:]+Z$")) and (.ctime | type) == "string" and .holders == null
      and .deleted == false and .path == "/dev/shm/" + ($s | ltrimstr("/"))) and
    (.[] | select(.name == $m) | .value == 4 and .waiters == 0 and .size == null and .group == "root")' <<<"$output"
  run --separate-stderr "$IPCDEMO" ls --json -o name,size "$SHM"
  [ "$(jq -c '.[0] | keys' <<<"$output")" = '["deleted","name","size"]' ]
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

@test "a name holding escape codes is shown escaped in tables and JSON, and rm says it the same way" {
  local evil="$PREFIX-"$'\e'"[31mred"
  printf x >"/dev/shm/$evil"
  run --separate-stderr "$IPCDEMO" ls "$PREFIX-*"
  [[ "$output" == *"/$PREFIX-\\e[31mred"* ]]
  [[ "$output" != *$'\e'* ]]
  run --separate-stderr "$IPCDEMO" ls --json "$PREFIX-*"
  [ "$(jq -r '.[0].name' <<<"$output")" = "/$evil" ]
  run --separate-stderr "$IPCDEMO" rm "$PREFIX-*"
  [ "$output" = "removed shm /$PREFIX-\\e[31mred" ]
}

@test "queues are opened for their attributes only when a column needs them" {
  "$IPCDEMO" mq create "$Q" >/dev/null 2>&1
  run --separate-stderr ls_with_mqueue -v --type mq -o NAME,MODE "$Q"
  [ "$status" -eq 0 ]
  [[ "$output" =~ $Q\ +0600 ]]
  [[ "$stderr" != *"mq_open("* && "$stderr" != *"openat("*"\"${Q#/}\""* ]]
  run --separate-stderr ls_with_mqueue -v --type mq "$Q"
  # Opened in the directory that listed it, closed with the others in one close_range.
  [[ "$stderr" == *"openat("*", \"${Q#/}\", O_RDONLY|"* ]]
  [[ "$stderr" == *"mq_getattr("* ]]
  [[ "$stderr" == *"close_range("* ]]
  [[ "$output" =~ $Q\ +0/10\ x\ 24B ]]
}
