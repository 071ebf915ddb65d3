#!/usr/bin/env bats
# --show-c: each program is compiled as its own comment says (plus -Werror), run
# against ipcdemo's own commands on the same objects, in both directions, and its
# system calls (strace) compared with what `ipcdemo -v` narrates for the same
# invocation. Objects have names unique to the test (ipc_helpers), removed after.
load ipc_helpers

LESSON_CALLS="$BATS_TEST_DIRNAME/lesson_calls.py"

needs_cc() {
  command -v cc >/dev/null || skip "no C compiler (cc): the programs of --show-c cannot be compiled here"
}

needs_strace() {
  command -v strace >/dev/null || skip "strace is not installed"
  strace -o /dev/null true 2>/dev/null || skip "strace cannot trace here (ptrace not allowed)"
}

# c_program NAME WORDS...: `ipcdemo WORDS... --show-c` compiled to $TEST_DIR/NAME with
# the very command line its comment gives (in a folder of its own, under the file
# names it uses), plus -Werror: any warning fails.
c_program() {
  local name=$1 build words word i source="" output="" dir="$TEST_DIR/build-$1"
  shift
  "$IPCDEMO" "$@" --show-c >"$TEST_DIR/$name.c"
  build=$(sed -n 's|.* Build: \(cc .*\) \*/$|\1|p' "$TEST_DIR/$name.c")
  [ -n "$build" ] || { echo "no build line in the comment of $*"; return 1; }
  read -ra words <<<"$build"
  for ((i = 0; i < ${#words[@]}; i++)); do
    word=${words[i]}
    [[ "$word" == *.c ]] && source=$word
    [ "$word" = -o ] && output=${words[i + 1]}
  done
  mkdir -p "$dir"
  cp "$TEST_DIR/$name.c" "$dir/$source"
  (cd "$dir" && "${words[@]}" -Werror 2>&1) || { echo "$* --show-c does not compile with: $build -Werror"; return 1; }
  mv "$dir/$output" "$TEST_DIR/$name"
}

@test "--show-c is offered by exactly the commands that have a C program" {
  local with="mmap-cat shm-create shm-produce shm-consume sem-create sem-wait sem-post mq-create mq-send mq-recv"
  for tool in $("$IPCDEMO" --list); do
    group=${tool%%-*} action=${tool#*-}
    help=$("$IPCDEMO" "$group" "$action" --help)
    offered=$("$IPCDEMO" __complete ipcdemo "$group" "$action" --sh | cut -f1)
    if [[ " $with " == *" $tool "* ]]; then
      [[ "$help" == *"--show-c"* ]] || { echo "$tool: no --show-c in its help"; return 1; }
      [[ "$offered" == *"--show-c"* ]] || { echo "$tool: --show-c not completed"; return 1; }
    else
      [[ "$help" != *"--show-c"* ]] || { echo "$tool: --show-c in its help"; return 1; }
      [[ "$offered" != *"--show-c"* ]] || { echo "$tool: --show-c completed"; return 1; }
      run --separate-stderr "$IPCDEMO" "$group" "$action" --show-c
      [ "$status" -eq 2 ] || { echo "$tool --show-c: status $status"; return 1; }
      [[ "$stderr" == "ipcdemo: --show-c: '$group $action' has no C program to show; these have one: mmap cat,"* ]] ||
        { echo "$tool: $stderr"; return 1; }
    fi
  done
}

@test "--show-c prints the program instead of running the command, after the same checks" {
  run --separate-stderr "$IPCDEMO" shm create "$SHM" --show-c
  [ "$status" -eq 0 ]
  [[ "$output" == *"int main(void)"* ]]
  [ ! -e "/dev/shm/${SHM#/}" ]
  run --separate-stderr "$IPCDEMO" mq create "$MQ" --show-c
  [ "$status" -eq 0 ]
  run "$IPCDEMO" mq info "$MQ"
  [ "$status" -eq 1 ] # no such queue: nothing was created
  assert_usage_errors sem wait <<'EOF'
--try --timeout 1s --show-c|--try and --timeout cannot go together
EOF
  assert_usage_errors mq recv <<'EOF'
--nonblock --timeout 1s --show-c|--nonblock and --timeout exclude each other
EOF
  assert_usage_errors shm create <<'EOF'
--hole --size 0 --show-c|--hole needs a --size of at least 1
EOF
  assert_usage_errors mmap cat <<'EOF'
--zero-copy --show-c|vmsplice(2), which --zero-copy uses, is Linux's, not POSIX
EOF
  assert_usage_errors shm create <<'EOF'
--tmpfile --show-c|O_TMPFILE and linkat, which --tmpfile uses, are Linux's, not POSIX
EOF
  assert_usage_errors <<'EOF'
--strace sem post --show-c|--strace has nothing to trace
EOF
}

@test "every program compiles with its comment's cc -std=c11 -Wall -Wextra, warning-free, in at most 80 lines" {
  needs_cc
  local i=0 words
  while read -r line; do
    [ -n "$line" ] || continue
    i=$((i + 1))
    read -ra words <<<"$line"
    c_program "p$i" "${words[@]}"
    lines=$(wc -l <"$TEST_DIR/p$i.c")
    [ "$lines" -le 80 ] || { echo "$line --show-c: $lines lines"; return 1; }
    grep -q '^#define _POSIX_C_SOURCE 200809L' "$TEST_DIR/p$i.c"
    ! grep -q 'ipcdemo/\|#include "' "$TEST_DIR/p$i.c" # nothing of ipcdemo's own
  done <<'EOF'
mmap cat
mmap cat /etc/hostname - /etc/passwd
shm create
shm create /x --size 0
shm create /x --size 1M --hole --exclusive --mode 0660
shm produce
shm produce -c 100000 -i 0 --sync atomic
shm produce -c 10 -i 10ms --sync sem --lock /l
shm produce -c 0 -i 0 --sync sem
shm produce --private -c 3 -i 0
shm produce -c 10 -i 10ms --sync sem --widen 2us
shm produce --widen 0
shm produce --sync atomic --widen 5us -c 3
shm consume
shm consume -c 1 -i 0
shm consume --changes -c 3 -i 1ms
shm consume --changes -c 0 -i 0
sem create
sem create /x --value 0 --exclusive --mode 0644
sem wait
sem wait --count 3
sem wait --try
sem wait --try --count 2
sem wait --timeout 2s
sem wait --timeout 1500ms --count 7
sem wait --spin 1ms
sem wait --spin 1ms --timeout 1s --count 2
sem post
sem post --count 3
mq create
mq create /q --maxmsg 5 --msgsize 256 --exclusive --mode 0666
mq send
mq send --channel 3 --value 21.5 --prio 5
mq send --text hello --count 0 --interval 10ms
mq send --nonblock --count 3
mq send --timeout 2s --value -2e-300
mq recv
mq recv --count 0
mq recv --json --count 10
mq recv --raw --nonblock
mq recv --timeout 1500ms --json
EOF
}

@test "a name with a quote, a backslash, a newline and a trigraph is one literal: the program makes exactly it" {
  needs_cc
  local name="$PREFIX-q\"b\\s"$'\n'"n??=e"
  c_program create shm create "$name" --size 8K
  run --separate-stderr "$TEST_DIR/create"
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  [ -f "/dev/shm/${name#/}" ] # ??= would have made it '#'
  [ "$(field size "$("$IPCDEMO" shm info "$name")")" = 8192 ]
  # The text of a message, the same way: its bytes arrive as they were given.
  local text='say "hi" \ ??= '$'\xc3\xa9''end'
  "$IPCDEMO" mq create "$MQ" --msgsize 64 >/dev/null
  c_program send mq send "$MQ" --text "$text"
  "$TEST_DIR/send"
  [ "$("$IPCDEMO" mq recv "$MQ" --raw --json | jq -r .text)" = "$text" ]
}

@test "C shm create, then ipcdemo shm info shows its size; existing, it is left alone or, --exclusive, refused" {
  needs_cc
  c_program create shm create "$SHM" --size 64K --mode 0640
  run --separate-stderr "$TEST_DIR/create"
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  [ "$output" = "path: /dev/shm/${SHM#/}"$'\n'"size: 65536" ]
  info=$("$IPCDEMO" shm info "$SHM")
  [ "$(field size "$info")" = 65536 ]
  [ "$(field mode "$info")" = "0$(printf '%o' $((0640 & ~$(umask))))" ]
  # Run again: it exists, and is opened as it is.
  run --separate-stderr "$TEST_DIR/create"
  [ "$status" -eq 0 ]
  [[ "$stderr" == *"exists: opened, not changed"* ]]
  c_program exclusive shm create "$SHM" --size 4K --exclusive
  run --separate-stderr "$TEST_DIR/exclusive"
  [ "$status" -eq 1 ]
  [[ "$stderr" == "shm_open: File exists" ]]
  [ "$(field size "$("$IPCDEMO" shm info "$SHM")")" = 65536 ]
  # --hole: the size comes from one byte written at its end, the rest is a hole.
  "$IPCDEMO" shm unlink -q "$SHM"
  c_program hole shm create "$SHM" --size 1M --hole
  "$TEST_DIR/hole" >/dev/null
  info=$("$IPCDEMO" shm info "$SHM")
  [ "$(field size "$info")" = 1048576 ]
  [[ "$(field allocated "$info")" == "4096 "* ]]
}

@test "a C producer and an ipcdemo consumer share the counter; the attempts word is kept" {
  needs_cc
  "$IPCDEMO" shm create "$SHM" >/dev/null
  c_program produce shm produce "$SHM" -c 1000 -i 0 --sync atomic
  start "$IPCDEMO" shm consume "$SHM" --changes -c 2 -i 1ms
  local consumer=$LAST_PID
  wait_for_lines "$TEST_DIR/bg.out" 1
  run --separate-stderr "$TEST_DIR/produce"
  [ "$status" -eq 0 ]
  [ "${lines[999]}" = 1000 ]
  [ "$stderr" = "counter 1000 of 1000 attempted" ]
  wait_status "$consumer"
  [ "$status" -eq 0 ]
  mapfile -t seen <"$TEST_DIR/bg.out"
  [ "${seen[0]}" = 0 ] && [ "${seen[1]}" -ge 1 ] && [ "${seen[1]}" -le 1000 ]
  info=$("$IPCDEMO" shm info "$SHM")
  [ "$(field counter "$info")" = 1000 ] && [ "$(field attempts "$info")" = 1000 ]
}

@test "an ipcdemo producer and a C consumer share the counter" {
  needs_cc
  "$IPCDEMO" shm create "$SHM" >/dev/null
  c_program watch shm consume "$SHM" --changes -c 2 -i 1ms
  start "$TEST_DIR/watch"
  local consumer=$LAST_PID
  wait_for_lines "$TEST_DIR/bg.out" 1
  "$IPCDEMO" shm produce "$SHM" -c 5 -i 0 >/dev/null 2>&1
  wait_status "$consumer"
  [ "$status" -eq 0 ]
  mapfile -t seen <"$TEST_DIR/bg.out"
  [ "${#seen[@]}" -eq 2 ] && [ "${seen[0]}" = 0 ] && [ "${seen[1]}" -ge 1 ] && [ "${seen[1]}" -le 5 ]
  c_program once shm consume "$SHM" -c 1 -i 0
  [ "$("$TEST_DIR/once")" = 5 ]
}

@test "--sync sem: a C producer and an ipcdemo producer take the same lock and lose nothing" {
  needs_cc
  "$IPCDEMO" shm create "$SHM" >/dev/null
  c_program produce shm produce "$SHM" -c 20000 -i 0 --sync sem
  grep -qF "lock_name[] = \"$SHM-lock\";" "$TEST_DIR/produce.c" # ipcdemo's name for it: NAME-lock
  background "$TEST_DIR/produce" >/dev/null 2>&1
  local c_producer=$BG
  "$IPCDEMO" -q shm produce "$SHM" -c 20000 -i 0 --sync sem >/dev/null
  wait_status "$c_producer"
  [ "$status" -eq 0 ]
  info=$("$IPCDEMO" shm info "$SHM")
  [ "$(field counter "$info")" = 40000 ] && [ "$(field attempts "$info")" = 40000 ]
  [ "$("$IPCDEMO" sem value "$SHM-lock")" = 1 ]
  # --lock names another: the C program takes that one.
  c_program own_lock shm produce "$SHM" -c 1 -i 0 --sync sem --lock "$SEM"
  "$TEST_DIR/own_lock" >/dev/null 2>&1
  [ "$("$IPCDEMO" sem value "$SEM")" = 1 ]
}

@test "--private: the C producer counts in a copy of its own; the segment never sees it" {
  needs_cc
  "$IPCDEMO" shm create "$SHM" >/dev/null
  "$IPCDEMO" shm produce "$SHM" -c 2 -i 0 >/dev/null 2>&1
  c_program private shm produce "$SHM" --private -c 3 -i 0
  run --separate-stderr "$TEST_DIR/private"
  [ "$status" -eq 0 ]
  [ "$output" = $'3\n4\n5' ]
  [ "$stderr" = "our private copy: counter 5 of 5 attempted" ]
  [ "$(field counter "$("$IPCDEMO" shm info "$SHM")")" = 2 ]
}

@test "a C sem post wakes a blocked ipcdemo sem wait, and an ipcdemo post a blocked C wait" {
  needs_cc
  c_program create sem create "$SEM" --value 0
  run "$TEST_DIR/create"
  [ "$output" = "path: /dev/shm/sem.${SEM#/}"$'\n'"value: 0" ]
  [ "$("$IPCDEMO" sem value "$SEM")" = 0 ]
  c_program post sem post "$SEM"
  background "$IPCDEMO" sem wait "$SEM" >/dev/null 2>&1
  local waiter=$BG
  wait_until_blocked "$waiter" futex
  "$TEST_DIR/post"
  wait_status "$waiter"
  [ "$status" -eq 0 ]
  c_program wait sem wait "$SEM"
  background "$TEST_DIR/wait"
  waiter=$BG
  wait_until_blocked "$waiter" futex
  "$IPCDEMO" -q sem post "$SEM"
  wait_status "$waiter"
  [ "$status" -eq 0 ]
  [ "$("$IPCDEMO" sem value "$SEM")" = 0 ]
}

@test "C sem wait --try and --timeout end with exit 3 at 0, as ipcdemo's do; --count takes that many" {
  needs_cc
  "$IPCDEMO" sem create "$SEM" --value 2 >/dev/null
  c_program take2 sem wait "$SEM" --count 2
  "$TEST_DIR/take2"
  [ "$("$IPCDEMO" sem value "$SEM")" = 0 ]
  c_program try sem wait "$SEM" --try
  run --separate-stderr "$TEST_DIR/try"
  [ "$status" -eq 3 ]
  [ "$stderr" = "$SEM is 0: a wait would block" ]
  c_program timed sem wait "$SEM" --timeout 100ms
  run --separate-stderr "$TEST_DIR/timed"
  [ "$status" -eq 3 ]
  [ "$stderr" = "$SEM: timed out" ]
  c_program exclusive sem create "$SEM" --exclusive
  run --separate-stderr "$TEST_DIR/exclusive"
  [ "$status" -eq 1 ]
  [ "$stderr" = "sem_open: File exists" ]
}

@test "a C sender and an ipcdemo receiver, an ipcdemo sender and a C receiver exchange samples" {
  needs_cc
  c_program create mq create "$MQ" --maxmsg 5 --msgsize 256
  run "$TEST_DIR/create"
  [ "$output" = $'maxmsg: 5\nmsgsize: 256\ncurmsgs: 0' ]
  info=$("$IPCDEMO" mq info "$MQ")
  [ "$(field maxmsg "$info")" = 5 ] && [ "$(field msgsize "$info")" = 256 ]
  c_program send mq send "$MQ" --channel 3 --value 21.5 --prio 5
  local before after
  before=$(date +%s%N)
  "$TEST_DIR/send"
  after=$(date +%s%N)
  sample=$("$IPCDEMO" mq recv "$MQ" --json)
  [ "$(jq .prio <<<"$sample")" = 5 ] && [ "$(jq .channel <<<"$sample")" = 3 ]
  [ "$(jq .value <<<"$sample")" = 21.5 ]
  [ "$(jq .timestamp_ns <<<"$sample")" -ge "$before" ] && [ "$(jq .timestamp_ns <<<"$sample")" -le "$after" ]
  # The other way, and a receive that waits on the empty queue until the send.
  c_program recv mq recv "$MQ"
  start "$TEST_DIR/recv"
  local receiver=$LAST_PID
  wait_until_blocked "$receiver" wq_sleep
  "$IPCDEMO" -q mq send "$MQ" --channel 9 --value -2.5 --prio 2
  wait_status "$receiver"
  [ "$status" -eq 0 ]
  run cat "$TEST_DIR/bg.out"
  [ "${lines[0]}" = "prio: 2" ] && [ "${lines[1]}" = "channel: 9" ] && [ "${lines[3]}" = "value: -2.5" ]
  [[ "${lines[2]}" =~ ^timestamp:\ [0-9]{19}\ ns$ ]]
  c_program empty mq recv "$MQ" --nonblock
  run --separate-stderr "$TEST_DIR/empty"
  [ "$status" -eq 3 ]
  [ "$stderr" = "$MQ is empty: O_NONBLOCK does not wait" ]
}

# ---- the calls each program makes, against what `ipcdemo -v` narrates ----------

# c_calls NAME WORDS...: compiles the program of WORDS, runs it under strace and
# writes its lesson calls to NAME.c-calls. EXTRACT (an array) passes --path/--contended.
c_calls() {
  local name=$1
  shift
  c_program "$name" "$@"
  strace -qq -o "$TEST_DIR/$name.strace" "$TEST_DIR/$name" >/dev/null
  python3 "$LESSON_CALLS" strace "$TEST_DIR/$name.strace" "${EXTRACT[@]}" >"$TEST_DIR/$name.c-calls"
  [ -s "$TEST_DIR/$name.c-calls" ] || { echo "no lesson calls in the strace of $*"; return 1; }
}

# v_calls NAME WORDS...: runs `ipcdemo -v WORDS...` and writes the lesson calls it narrates to NAME.v-calls.
v_calls() {
  local name=$1
  shift
  "$IPCDEMO" -v "$@" 2>"$TEST_DIR/$name.narration" >/dev/null
  python3 "$LESSON_CALLS" narration "$TEST_DIR/$name.narration" "${EXTRACT[@]}" >"$TEST_DIR/$name.v-calls"
}

# same_calls NAME: the C program's lesson calls are the narrated ones, in order.
same_calls() {
  local name=$1
  diff -u "$TEST_DIR/$name.v-calls" "$TEST_DIR/$name.c-calls" >"$TEST_DIR/$name.diff" && return 0
  echo "the C program's calls (+) differ from what ipcdemo -v narrates (-):"
  cat "$TEST_DIR/$name.diff"
  return 1
}

@test "calls: mmap cat opens and maps the file as -v narrates" {
  needs_cc
  needs_strace
  printf 'one line\n' >"$TEST_DIR/file"
  EXTRACT=(--path "$TEST_DIR/file")
  c_calls cat mmap cat "$TEST_DIR/file"
  v_calls cat mmap cat "$TEST_DIR/file"
  grep -qx "mmap 9 PROT_READ MAP_PRIVATE" "$TEST_DIR/cat.c-calls"
  same_calls cat
}

@test "calls: shm create is shm_open(O_CREAT|O_EXCL|O_RDWR) and ftruncate, as -v narrates" {
  needs_cc
  needs_strace
  EXTRACT=()
  c_calls create shm create "$SHM" --size 64K
  grep -qx "ftruncate 65536" "$TEST_DIR/create.c-calls"
  "$IPCDEMO" shm unlink -q "$SHM"
  v_calls create shm create "$SHM" --size 64K
  same_calls create
}

@test "calls: shm create --hole is lseek and a one-byte write, as -v narrates" {
  needs_cc
  needs_strace
  EXTRACT=()
  c_calls hole shm create "$SHM" --size 1M --hole
  grep -qx "lseek 1048575" "$TEST_DIR/hole.c-calls"
  "$IPCDEMO" shm unlink -q "$SHM"
  v_calls hole shm create "$SHM" --size 1M --hole
  same_calls hole
}

@test "calls: shm produce (racy, atomic) and shm consume open and map the counter as -v narrates" {
  needs_cc
  needs_strace
  EXTRACT=()
  "$IPCDEMO" shm create "$SHM" >/dev/null
  for sync in racy atomic; do
    c_calls "produce-$sync" shm produce "$SHM" -c 3 -i 0 --sync "$sync"
    v_calls "produce-$sync" shm produce "$SHM" -c 3 -i 0 --sync "$sync"
    grep -qx "mmap 16 PROT_READ|PROT_WRITE MAP_SHARED" "$TEST_DIR/produce-$sync.c-calls"
    same_calls "produce-$sync"
  done
  c_calls consume shm consume "$SHM" -c 1 -i 0
  v_calls consume shm consume "$SHM" -c 1 -i 0
  grep -qx "mmap 16 PROT_READ MAP_SHARED" "$TEST_DIR/consume.c-calls"
  same_calls consume
}

@test "calls: shm produce --sync sem creates its lock as -v narrates, and an uncontended lock makes no futex call" {
  needs_cc
  needs_strace
  EXTRACT=()
  "$IPCDEMO" shm create "$SHM" >/dev/null
  c_calls produce shm produce "$SHM" -c 3 -i 0 --sync sem
  grep -qx "link /dev/shm/sem.${SHM#/}-lock" "$TEST_DIR/produce.c-calls"
  ! grep -q futex "$TEST_DIR/produce.c-calls"
  "$IPCDEMO" sem unlink -q "$SHM-lock"
  v_calls produce shm produce "$SHM" -c 3 -i 0 --sync sem
  same_calls produce
}

@test "calls: sem create makes the semaphore as -v narrates" {
  needs_cc
  needs_strace
  EXTRACT=()
  c_calls create sem create "$SEM" --value 3
  grep -qx "link /dev/shm/sem.${SEM#/}" "$TEST_DIR/create.c-calls"
  "$IPCDEMO" sem unlink -q "$SEM"
  v_calls create sem create "$SEM" --value 3
  same_calls create
}

@test "calls: sem post and sem wait open and map the semaphore as -v narrates, with no futex call uncontended" {
  needs_cc
  needs_strace
  EXTRACT=()
  "$IPCDEMO" sem create "$SEM" --value 3 >/dev/null
  for action in post wait; do
    c_calls "$action" sem "$action" "$SEM"
    ! grep -q futex "$TEST_DIR/$action.c-calls"
    v_calls "$action" sem "$action" "$SEM"
    same_calls "$action"
  done
}

@test "calls: a sem post that wakes a waiter calls futex, as -v narrates" {
  needs_cc
  needs_strace
  EXTRACT=(--contended)
  "$IPCDEMO" sem create "$SEM" --value 0 >/dev/null
  background "$IPCDEMO" sem wait "$SEM" >/dev/null 2>&1
  wait_until_blocked "$BG" futex
  c_calls post sem post "$SEM"
  grep -qx "futex FUTEX_WAKE" "$TEST_DIR/post.c-calls"
  background "$IPCDEMO" sem wait "$SEM" >/dev/null 2>&1
  wait_until_blocked "$BG" futex
  v_calls post sem post "$SEM"
  same_calls post
}

@test "calls: mq create, send and recv are mq_open, mq_timedsend and mq_timedreceive, as -v narrates" {
  needs_cc
  needs_strace
  EXTRACT=()
  c_calls create mq create "$MQ" --maxmsg 5
  grep -qx "mq_open $MQ O_RDONLY|O_CREAT|O_EXCL maxmsg=5 msgsize=24" "$TEST_DIR/create.c-calls"
  "$IPCDEMO" mq unlink -q "$MQ"
  v_calls create mq create "$MQ" --maxmsg 5
  same_calls create
  local words
  for case in "send --prio 3" "recv" "send --nonblock" "recv --nonblock" "send --timeout 1s" "recv --timeout 1s"; do
    read -ra words <<<"$case"
    name=${case// /_}
    c_calls "$name" mq "${words[0]}" "$MQ" "${words[@]:1}"
    v_calls "$name" mq "${words[0]}" "$MQ" "${words[@]:1}"
    same_calls "$name"
  done
}
