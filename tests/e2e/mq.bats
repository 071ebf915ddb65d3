#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# POSIX message queues: mq create|send|recv|info|unlink|notify, with real
# concurrent processes. The fixtures are the ones every IPC group uses
# (ipc_helpers.bash): the queue $Q is unique to the run and the test, removed in
# teardown even when the test fails, and teardown_file checks that none is left.
load ipc_helpers

setup() {
  ipc_setup
  Q=$MQ # the name this file's tests use; ipc_teardown removes it
}

@test "create, send, recv: a sample makes the round trip with its fields" {
  "$IPCDEMO" mq create "$Q"
  run --separate-stderr "$IPCDEMO" mq send "$Q" --channel 3 --value 21.5 --prio 4
  [ "$status" -eq 0 ]
  [ -z "$output" ]
  [[ "$stderr" == *"sent 1 sample (channel 3, value 21.5) to $Q with priority 4"* ]]
  run --separate-stderr "$IPCDEMO" mq recv "$Q"
  [ "$status" -eq 0 ]
  [ "$(field prio "$output")" = 4 ]
  [ "$(field channel "$output")" = 3 ]
  [ "$(field value "$output")" = 21.5 ]
  [[ "$(field timestamp "$output")" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{9}Z\ \([0-9]+\)$ ]]
  [[ "$(field latency "$output")" =~ ^[0-9.]+\ (ns|µs|ms|s)$ ]]
}

@test "the defaults are the screenplay's: channel 7, value 42, priority 0, 10 x 24 bytes" {
  "$IPCDEMO" mq create "$Q"
  "$IPCDEMO" mq send "$Q"
  run --separate-stderr "$IPCDEMO" mq info "$Q"
  [ "$status" -eq 0 ]
  [ "$(field maxmsg "$output")" = 10 ]
  [ "$(field msgsize "$output")" = 24 ]
  [ "$(field curmsgs "$output")" = 1 ]
  [ "$(field mode "$output")" = 0600 ]
  [ "$(field owner "$output")" = "root (uid 0)" ]
  run --separate-stderr "$IPCDEMO" mq recv "$Q"
  [ "$(field prio "$output")" = 0 ]
  [ "$(field channel "$output")" = 7 ]
  [ "$(field value "$output")" = 42 ]
}

@test "a name without the leading / is taken with one, with a note at -v only" {
  run --separate-stderr "$IPCDEMO" mq create "${Q#/}"
  [ "$status" -eq 0 ]
  [[ "$stderr" != *"taken as"* ]]
  "$IPCDEMO" mq unlink "$Q" 2>/dev/null
  run --separate-stderr "$IPCDEMO" -v mq create "${Q#/}"
  [[ "$stderr" == *"name '${Q#/}' is taken as '$Q'"* ]]
  "$IPCDEMO" mq send "${Q#/}" --value 5 2>/dev/null
  run --separate-stderr "$IPCDEMO" mq recv "$Q"
  [ "$(field value "$output")" = 5 ]
}

@test "create on an existing queue warns what did not apply; --exclusive fails" {
  "$IPCDEMO" mq create "$Q" --maxmsg 3
  run --separate-stderr "$IPCDEMO" mq create "$Q" --maxmsg 5
  [ "$status" -eq 0 ]
  [[ "$stderr" == *"already existed: opened it; not applied: --maxmsg 5"* ]]
  [ "$(field maxmsg "$("$IPCDEMO" mq info "$Q")")" = 3 ]
  run --separate-stderr "$IPCDEMO" mq create "$Q" --exclusive
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"mq_open $Q: File exists"*"ipcdemo mq unlink $Q"* ]]
}

@test "priorities come out highest first, and FIFO within a priority" {
  "$IPCDEMO" mq create "$Q"
  for spec in 1:0 2:5 3:0 4:9 5:5 6:0; do
    "$IPCDEMO" -q mq send "$Q" --value "${spec%:*}" --prio "${spec#*:}"
  done
  run --separate-stderr "$IPCDEMO" mq recv "$Q" --count 6 --json
  [ "$status" -eq 0 ]
  [ "$(jq -r '"\(.prio):\(.value)"' <<<"$output" | paste -sd' ')" = "9:4 5:2 5:5 0:1 0:3 0:6" ]
}

@test "--count sends a series, each sample stamped when it is sent" {
  "$IPCDEMO" mq create "$Q"
  "$IPCDEMO" -q mq send "$Q" --count 3 --interval 1ms --value 2.5
  run --separate-stderr "$IPCDEMO" mq recv "$Q" --count 3 --json
  [ "$(jq -r .value <<<"$output" | paste -sd' ')" = "2.5 2.5 2.5" ]
  # Strictly increasing timestamps: taken at each send, 1ms apart at least.
  jq -s -e '.[0].timestamp_ns < .[1].timestamp_ns and .[1].timestamp_ns < .[2].timestamp_ns' <<<"$output"
}

@test "a receive on an empty queue blocks until another process sends" {
  "$IPCDEMO" mq create "$Q"
  start "$IPCDEMO" mq recv "$Q"
  wait_until_blocked "$LAST_PID" wq_sleep
  "$IPCDEMO" -q mq send "$Q" --value 8
  wait "$LAST_PID"
  [ "$(field value "$(cat "$TEST_DIR/bg.out")")" = 8 ]
}

@test "a full queue blocks a sender until a receiver takes one" {
  "$IPCDEMO" mq create "$Q" --maxmsg 2
  "$IPCDEMO" -q mq send "$Q" --count 2 --value 1
  start "$IPCDEMO" -q mq send "$Q" --value 2
  wait_until_blocked "$LAST_PID" wq_sleep
  [ "$(field curmsgs "$("$IPCDEMO" mq info "$Q")")" = 2 ]
  run --separate-stderr "$IPCDEMO" mq recv "$Q"
  [ "$(field value "$output")" = 1 ]
  wait "$LAST_PID"
  run --separate-stderr "$IPCDEMO" mq recv "$Q" --count 2 --json
  [ "$(jq -r .value <<<"$output" | paste -sd' ')" = "1 2" ]
}

@test "a blocked receive ends with exit 130 on SIGINT" {
  "$IPCDEMO" mq create "$Q"
  start "$IPCDEMO" mq recv "$Q"
  wait_until_blocked "$LAST_PID" wq_sleep
  kill -INT "$LAST_PID"
  local status=0
  wait "$LAST_PID" || status=$?
  [ "$status" -eq 130 ]
  grep -q "interrupted by SIGINT" "$TEST_DIR/bg.err"
}

@test "a blocking recv says what it waits for and how to unblock it" {
  "$IPCDEMO" mq create "$Q"
  start "$IPCDEMO" mq recv "$Q"
  wait_until_blocked "$LAST_PID" wq_sleep
  grep -q "message queue $Q is empty: waiting until someone sends (ipcdemo mq send $Q); Ctrl-C stops" \
    "$TEST_DIR/bg.err"
  "$IPCDEMO" mq send "$Q" 2>/dev/null
  wait "$LAST_PID"
}

@test "send -c 11 into a queue of 10 says it waits, and on SIGINT how far it got" {
  "$IPCDEMO" mq create "$Q" --maxmsg 10
  start "$IPCDEMO" mq send "$Q" -c 11
  wait_until_blocked "$LAST_PID" wq_sleep
  grep -q "message queue $Q is full (10 messages): waiting until a receiver takes one (ipcdemo mq recv $Q)" \
    "$TEST_DIR/bg.err"
  kill -INT "$LAST_PID"
  local status=0
  wait "$LAST_PID" || status=$?
  [ "$status" -eq 130 ]
  grep -q "interrupted after sending 10 of 11 messages to $Q" "$TEST_DIR/bg.err"
  [ "$(field curmsgs "$("$IPCDEMO" mq info "$Q")")" = 10 ]
}

@test "a queue that does not fill up is not said to wait" {
  "$IPCDEMO" mq create "$Q" --maxmsg 10
  run --separate-stderr "$IPCDEMO" mq send "$Q" -c 10
  [ "$status" -eq 0 ]
  [[ "$stderr" != *"waiting"* ]]
  run --separate-stderr "$IPCDEMO" mq recv "$Q" -c 10
  [[ "$stderr" != *"waiting"* ]]
}

@test "SIGINT ends recv --count 0 with 130, and what it received is in its output file" {
  "$IPCDEMO" mq create "$Q"
  start "$IPCDEMO" mq recv "$Q" --count 0
  wait_until_blocked "$LAST_PID" wq_sleep
  "$IPCDEMO" -q mq send "$Q" --count 2 --value 3
  local i
  for ((i = 0; i < 1000; i++)); do
    [ "$(field curmsgs "$("$IPCDEMO" mq info "$Q")")" = 0 ] && break
    sleep 0.01
  done
  wait_until_blocked "$LAST_PID" wq_sleep
  kill -INT "$LAST_PID"
  local status=0
  wait "$LAST_PID" || status=$?
  [ "$status" -eq 130 ]
  [ "$(grep -c '^value: 3$' "$TEST_DIR/bg.out")" -eq 2 ]
}

@test "--nonblock and --timeout end with exit 3 on an empty queue" {
  "$IPCDEMO" mq create "$Q"
  run --separate-stderr "$IPCDEMO" mq recv "$Q" --nonblock
  [ "$status" -eq 3 ]
  [[ "$stderr" == *"the queue is empty and --nonblock was given (EAGAIN)"* ]]
  run --separate-stderr "$IPCDEMO" mq recv "$Q" --timeout 10ms
  [ "$status" -eq 3 ]
  [[ "$stderr" == *"no message arrived within --timeout 10ms (ETIMEDOUT)"* ]]
}

@test "--nonblock and --timeout end with exit 3 on a full queue" {
  "$IPCDEMO" mq create "$Q" --maxmsg 1
  "$IPCDEMO" -q mq send "$Q"
  run --separate-stderr "$IPCDEMO" mq send "$Q" --nonblock
  [ "$status" -eq 3 ]
  [[ "$stderr" == *"the queue is full (1 message) and --nonblock was given (EAGAIN)"* ]]
  run --separate-stderr "$IPCDEMO" mq send "$Q" --timeout 10ms
  [ "$status" -eq 3 ]
  [[ "$stderr" == *"stayed full (1 message) for --timeout 10ms (ETIMEDOUT)"* ]]
  run --separate-stderr "$IPCDEMO" mq send "$Q" --nonblock --timeout 1s
  [ "$status" -eq 2 ]
}

@test "--text makes the round trip and is shown as text" {
  "$IPCDEMO" mq create "$Q" --msgsize 64
  "$IPCDEMO" -q mq send "$Q" --text 'hello, queue' --prio 2
  run --separate-stderr "$IPCDEMO" mq recv "$Q"
  [ "$status" -eq 0 ]
  [ "$(field prio "$output")" = 2 ]
  [ "$(field length "$output")" = "12 bytes (not a 24-byte sample)" ]
  [ "$(field text "$output")" = '"hello, queue"' ]
}

@test "foreign messages on a larger queue are shown as text or hex, in text and JSON" {
  "$IPCDEMO" mq create "$Q" --msgsize 100
  "$IPCDEMO" -q mq send "$Q" --text "Grüße"
  "$IPCDEMO" -q mq send "$Q" --text $'\x01\x02\xff'
  "$IPCDEMO" -q mq send "$Q" --value 1
  "$IPCDEMO" -q mq send "$Q" --text $'two\nlines'
  run --separate-stderr "$IPCDEMO" mq recv "$Q" --count 2
  [ "$(field text "$output")" = '"Grüße"' ]
  [ "$(field hex "$output")" = "01 02 ff" ]
  run --separate-stderr "$IPCDEMO" mq recv "$Q" --count 2 --json
  [ "$(jq -r 'select(.channel != null) | .value' <<<"$output")" = 1 ]
  [ "$(jq -r 'select(.text != null) | .text' <<<"$output")" = $'two\nlines' ]
  "$IPCDEMO" -q mq send "$Q" --text $'\x01\x02\xff'
  run --separate-stderr "$IPCDEMO" mq recv "$Q" --json
  [ "$(jq -r '"\(.length) \(.hex)"' <<<"$output")" = "3 0102ff" ]
}

@test "--text longer than the queue's msgsize is a usage error; so is a sample on a small queue" {
  "$IPCDEMO" mq create "$Q" --msgsize 8 2>/dev/null
  run --separate-stderr "$IPCDEMO" mq send "$Q" --text "123456789"
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"--text is 9 bytes, but the messages of $Q hold at most 8 (its msgsize)"* ]]
  run --separate-stderr "$IPCDEMO" mq send "$Q"
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"a sample is 24 bytes"*"EMSGSIZE"* ]]
}

@test "priorities above MQ_PRIO_MAX-1 and channels above uint32 are usage errors" {
  "$IPCDEMO" mq create "$Q"
  run --separate-stderr "$IPCDEMO" mq send "$Q" --prio 32768
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"--prio 32768: priorities go from 0 to 32767"* ]]
  run --separate-stderr "$IPCDEMO" mq send "$Q" --channel 4294967296
  [ "$status" -eq 2 ]
  "$IPCDEMO" -q mq send "$Q" --prio 32767
  [ "$(field prio "$("$IPCDEMO" mq recv "$Q")")" = 32767 ]
}

@test "--mode with setuid, setgid or sticky bits is a usage error and creates no queue" {
  run --separate-stderr "$IPCDEMO" mq create "$Q" --mode 2600
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"'2600' has setuid, setgid or sticky bits"* ]]
  run --separate-stderr "$IPCDEMO" mq info "$Q"
  [ "$status" -eq 1 ]
}

@test "--json prints one valid JSON object per line" {
  "$IPCDEMO" mq create "$Q"
  "$IPCDEMO" -q mq send "$Q" --count 3 --channel 9 --value -0.5
  run --separate-stderr "$IPCDEMO" mq recv "$Q" --count 3 --json
  [ "$status" -eq 0 ]
  [ "${#lines[@]}" -eq 3 ]
  for line in "${lines[@]}"; do
    jq -e '.prio == 0 and .length == 24 and .channel == 9 and .value == -0.5 and (.timestamp | test("Z$"))
           and (.timestamp_ns | type) == "number" and (.latency_ns | type) == "number"' <<<"$line"
  done
}

@test "limit: --maxmsg above msg_max names msg_max, its value and its file" {
  run --separate-stderr unshare --ipc sh -c 'echo 4 >/proc/sys/fs/mqueue/msg_max && exec "$@"' _ \
    "${RUN_AS_NOBODY[@]}" "$(nobody_ipcdemo)" mq create "$Q" --maxmsg 5
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"mq_open $Q: Invalid argument"* ]]
  [[ "$stderr" == *"--maxmsg 5 exceeds the limit msg_max = 4 (set in /proc/sys/fs/mqueue/msg_max"* ]]
}

@test "limit: --msgsize above msgsize_max names msgsize_max, its value and its file" {
  run --separate-stderr "${RUN_AS_NOBODY[@]}" "$(nobody_ipcdemo)" mq create "$Q" --msgsize 1M
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"--msgsize 1048576 exceeds the limit msgsize_max = $(cat /proc/sys/fs/mqueue/msgsize_max) (set in /proc/sys/fs/mqueue/msgsize_max"* ]]
}

@test "limit: queues_max reached (ENOSPC) names queues_max, its value and its file" {
  run --separate-stderr unshare --ipc sh -c 'echo 0 >/proc/sys/fs/mqueue/queues_max && exec "$@"' _ \
    "${RUN_AS_NOBODY[@]}" "$(nobody_ipcdemo)" mq create "$Q"
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"mq_open $Q: No space left on device"* ]]
  [[ "$stderr" == *"the limit queues_max = 0 is reached"*"/proc/sys/fs/mqueue/queues_max"* ]]
}

@test "limit: RLIMIT_MSGQUEUE exceeded (EMFILE) is not 'too many open files'" {
  run --separate-stderr unshare --ipc prlimit --msgqueue=1000 "${RUN_AS_NOBODY[@]}" "$(nobody_ipcdemo)" mq create "$Q"
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"mq_open $Q: Too many open files"* ]]
  [[ "$stderr" == *"not 'too many open files' here"*"charged about 1200 bytes"*"RLIMIT_MSGQUEUE = 1000 bytes"*"ulimit -q"* ]]
}

@test "notify fires when another process sends to the empty queue" {
  "$IPCDEMO" mq create "$Q"
  start "$IPCDEMO" mq notify "$Q" --json
  wait_until_blocked "$LAST_PID" do_sigtimedwait
  "$IPCDEMO" -q mq send "$Q" --value 6
  wait "$LAST_PID"
  [ "$(jq -r .value "$TEST_DIR/bg.out")" = 6 ]
  grep -q "registered for notification on $Q" "$TEST_DIR/bg.err"
  grep -q "notified: a message arrived on $Q (sent by PID" "$TEST_DIR/bg.err"
}

@test "notify re-registers for the next message while --count allows" {
  "$IPCDEMO" mq create "$Q"
  start "$IPCDEMO" mq notify "$Q" --count 2 --json
  wait_until_blocked "$LAST_PID" do_sigtimedwait
  "$IPCDEMO" -q mq send "$Q" --value 1
  wait_until_blocked "$LAST_PID" do_sigtimedwait
  "$IPCDEMO" -q mq send "$Q" --value 2
  wait "$LAST_PID"
  [ "$(jq -r .value "$TEST_DIR/bg.out" | paste -sd' ')" = "1 2" ]
}

@test "notify does not fire while another process is blocked in a receive" {
  "$IPCDEMO" mq create "$Q"
  background "$IPCDEMO" mq recv "$Q" >"$TEST_DIR/recv.out" 2>&1
  local receiver=$BG
  wait_until_blocked "$receiver" wq_sleep
  start "$IPCDEMO" mq notify "$Q" --json
  wait_until_blocked "$LAST_PID" do_sigtimedwait
  "$IPCDEMO" -q mq send "$Q" --value 1
  wait "$receiver"
  [ "$(field value "$(cat "$TEST_DIR/recv.out")")" = 1 ]
  # The message went straight to the blocked receiver: no notification.
  wait_until_blocked "$LAST_PID" do_sigtimedwait
  ! grep -q "notified" "$TEST_DIR/bg.err"
  "$IPCDEMO" -q mq send "$Q" --value 2
  wait "$LAST_PID"
  [ "$(jq -r .value "$TEST_DIR/bg.out")" = 2 ]
}

@test "notify on a queue that holds messages warns that it waits for the queue to be emptied" {
  "$IPCDEMO" mq create "$Q"
  "$IPCDEMO" -q mq send "$Q" --value 1
  start "$IPCDEMO" mq notify "$Q" --json
  wait_until_blocked "$LAST_PID" do_sigtimedwait
  grep -q "already holds 1 message: notification only fires when an empty queue gets one" "$TEST_DIR/bg.err"
  "$IPCDEMO" mq recv "$Q" >/dev/null
  "$IPCDEMO" -q mq send "$Q" --value 2
  wait "$LAST_PID"
  [ "$(jq -r .value "$TEST_DIR/bg.out")" = 2 ]
}

@test "a second notify gets EBUSY and is told who holds the registration" {
  "$IPCDEMO" mq create "$Q"
  start "$IPCDEMO" mq notify "$Q"
  local holder=$LAST_PID
  wait_until_blocked "$holder" do_sigtimedwait
  run --separate-stderr "$IPCDEMO" mq notify "$Q"
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"mq_notify $Q: Device or resource busy; only one process per queue"*"mount -t mqueue"* ]]
  mkdir "$TEST_DIR/mqueue"
  run --separate-stderr "$WITH_MQUEUE" "$TEST_DIR/mqueue" "$IPCDEMO" mq notify "$Q"
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"process $holder (ipcdemo) is registered (NOTIFY_PID in $TEST_DIR/mqueue$Q)"* ]]
  "$IPCDEMO" -q mq send "$Q"
  wait "$holder"
}

@test "info reads the mqueue file when the file system is mounted, and says how to mount it when not" {
  "$IPCDEMO" mq create "$Q" --mode 0644
  "$IPCDEMO" -q mq send "$Q" --count 2
  # Unmounted on the host: root looks through a mount namespace of its own...
  if [ "$(id -u)" -eq 0 ] && [ -d /dev/mqueue ] && ! grep -q " mqueue " /proc/self/mounts &&
    unshare -m true 2>/dev/null; then
    local mounts_before
    mounts_before="$(cat /proc/self/mounts)"
    run --separate-stderr "$IPCDEMO" mq info "$Q"
    [[ "$(field 'mqueue file' "$output")" =~ ^"QSIZE:48 "+NOTIFY:0\ +SIGNO:0\ +NOTIFY_PID:0$ ]]
    [ "$(field 'mqueue seen' "$output")" = "through a private mount (the host has none)" ]
    [ "$(field 'mqueue path' "$output")" = "/dev/mqueue$Q (once mounted)" ]
    [ "$(cat /proc/self/mounts)" = "$mounts_before" ] # nothing mounted here
  fi
  # ...and anyone else is told why not, and how.
  run --separate-stderr setpriv --reuid=nobody --regid=nogroup --clear-groups "$(nobody_ipcdemo)" mq info "$Q"
  [ "$(field 'mqueue file' "$output")" = "not mounted, and unshare CLONE_NEWNS: Operation not permitted" ]
  [ "$(field 'mqueue mount' "$output")" = "mkdir -p /dev/mqueue && mount -t mqueue none /dev/mqueue (as root)" ]
  # Every line of it fits an 80-column terminal.
  ! grep -qE '^.{81}' <<<"$output"
  mkdir "$TEST_DIR/mqueue"
  run --separate-stderr "$WITH_MQUEUE" "$TEST_DIR/mqueue" "$IPCDEMO" mq info "$Q"
  [ "$status" -eq 0 ]
  [[ "$(field 'mqueue file' "$output")" =~ ^"$TEST_DIR/mqueue$Q: QSIZE:48 "+NOTIFY:0\ +SIGNO:0\ +NOTIFY_PID:0$ ]]
}

@test "send and recv on a missing queue fail with a hint to create it" {
  run --separate-stderr "$IPCDEMO" mq send "$Q"
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"mq_open $Q: No such file or directory; create it first: ipcdemo mq create $Q"* ]]
}

@test "unlink removes the name; a second unlink fails" {
  "$IPCDEMO" mq create "$Q"
  run --separate-stderr "$IPCDEMO" mq unlink "$Q"
  [ "$status" -eq 0 ]
  run --separate-stderr "$IPCDEMO" mq unlink "$Q"
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"mq_unlink $Q: No such file or directory"* ]]
}

@test "-v narrates the mq system calls in strace form" {
  "$IPCDEMO" mq create "$Q"
  "$IPCDEMO" -q mq send "$Q"
  run --separate-stderr "$IPCDEMO" -v mq recv "$Q"
  [[ "$stderr" =~ mq_open\(\"$Q\",\ O_RDONLY\)\ =\ [0-9]+ ]]
  # Asking the attributes (to size the buffer) is ours, not the screenplay's: -vv.
  [[ "$stderr" != *mq_getattr* ]]
  "$IPCDEMO" -q mq send "$Q"
  run --separate-stderr "$IPCDEMO" -vv mq recv "$Q"
  [[ "$stderr" =~ check:\ mq_getattr\([0-9]+,\ \{mq_flags=0,\ mq_maxmsg=10,\ mq_msgsize=24,\ mq_curmsgs=1\}\)\ =\ 0 ]]
  [[ "$stderr" =~ mq_receive\([0-9]+,\ 0x[0-9a-f]+,\ 24,\ \[0\]\)\ =\ 24 ]]
  [[ "$stderr" =~ mq_close\([0-9]+\)\ =\ 0 ]]
}

@test "interop: a C program written from the layout table receives ipcdemo's samples" {
  "$IPCDEMO" mq create "$Q"
  "$IPCDEMO" -q mq send "$Q" --channel 12 --value 3.25 --prio 3
  run --separate-stderr "$INTEROP" recv "$Q"
  [ "$status" -eq 0 ]
  [[ "$output" =~ ^prio=3\ channel=12\ timestamp=[0-9]{19}\ value=3.25\ reserved=0$ ]]
}

@test "interop: ipcdemo receives the C program's samples" {
  "$IPCDEMO" mq create "$Q"
  run --separate-stderr "$INTEROP" send "$Q" 99 -1.125 7
  [ "$status" -eq 0 ]
  local sent="${output#timestamp=}"
  run --separate-stderr "$IPCDEMO" mq recv "$Q" --json
  [ "$status" -eq 0 ]
  jq -e --argjson ts "$sent" '.prio == 7 and .channel == 99 and .value == -1.125 and .timestamp_ns == $ts
                              and .reserved == null' <<<"$output"
}

@test "a waiting recv writes each message out as it arrives, also into a file" {
  "$IPCDEMO" mq create "$Q"
  start "$IPCDEMO" mq recv "$Q" --count 0 --json
  wait_until_blocked "$LAST_PID" wq_sleep
  "$IPCDEMO" -q mq send "$Q" --value 1
  wait_for_lines "$TEST_DIR/bg.out" 1
  [ "$(jq -r .value "$TEST_DIR/bg.out")" = 1 ]
  kill -INT "$LAST_PID"
  wait_status "$LAST_PID"
  [ "$status" -eq 130 ]
}
