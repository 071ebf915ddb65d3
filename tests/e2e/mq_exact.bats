#!/usr/bin/env bats
# mq, exactly: foreign messages shown as what they are, a received message never
# lost silently, deadlines that cannot overflow, the reader leaving is exit 0.
# Queues are named /ipcdemo-test-<pid>-<test>-q and removed in teardown.
load helpers

INTEROP="${IPCDEMO_MQ_INTEROP:-$(dirname "$IPCDEMO")/../tests/interop/mq_interop}"

setup_file() { export MQ_TEST_PREFIX="ipcdemo-test-$$"; }

setup() {
  common_setup
  PREFIX="$MQ_TEST_PREFIX-$BATS_TEST_NUMBER"
  Q="/$PREFIX-q"
}

teardown() {
  remove_queues "$PREFIX"
  rm -f /dev/shm/sem."$PREFIX"-*
  common_teardown
}

teardown_file() {
  local dir left
  dir="$(mktemp -d)"
  left="$(unshare -m sh -c 'mount -t mqueue none "$1" && ls "$1"' _ "$dir" | grep "^$MQ_TEST_PREFIX-" || true)"
  rmdir "$dir"
  [ -z "$left" ] || { echo "queues left behind: $left" >&2; return 1; }
}

remove_queues() {
  local dir
  dir="$(mktemp -d)"
  unshare -m sh -c 'mount -t mqueue none "$1" && rm -f "$1/$2"*' _ "$dir" "$1"
  rmdir "$dir"
}

field() { sed -n "s/^$1: //p" <<<"$2"; }

@test "a 24-byte text is shown as text, with a note, and decoded only in case it is a sample" {
  "$IPCDEMO" -q mq create "$Q"
  "$IPCDEMO" -q mq send "$Q" --text "hello, queue, 24 bytes!!"
  run --separate-stderr "$IPCDEMO" mq recv "$Q"
  [ "$status" -eq 0 ]
  [[ "$(field length "$output")" == "24 bytes, but not like a sample: reserved is "*", not 0; the timestamp is not plausible" ]]
  [ "$(field text "$output")" = '"hello, queue, 24 bytes!!"' ]
  [ "$(field latency "$output")" = "timestamp not plausible" ]
  [[ "$output" != *days* ]]
  "$IPCDEMO" -q mq send "$Q" --text "hello, queue, 24 bytes!!"
  run --separate-stderr "$IPCDEMO" mq recv "$Q" --json
  jq -e '.text == "hello, queue, 24 bytes!!" and .timestamp == null and .latency_ns == null
         and (.note | startswith("not like a sample"))' <<<"$output"
}

@test "--raw shows every message, a sample too, as text or hex only" {
  "$IPCDEMO" -q mq create "$Q" --msgsize 64
  "$IPCDEMO" -q mq send "$Q" --channel 1 --value 0
  "$IPCDEMO" -q mq send "$Q" --text "plain words"
  run --separate-stderr "$IPCDEMO" mq recv "$Q" --raw --count 2
  [ "$status" -eq 0 ]
  [[ "$output" =~ ^prio:\ 0$'\n'length:\ 24\ bytes$'\n'hex:\ ([0-9a-f]{2}\ ){16}01\ 00\ 00\ 00\ 00\ 00\ 00\ 00$'\n\n'prio:\ 0$'\n'length:\ 11\ bytes$'\n'text:\ \"plain\ words\"$ ]]
  [[ "$output" != *channel* ]]
}

@test "interop: the screenplay's producer stamps time(NULL), shown as seconds with a note" {
  "$IPCDEMO" -q mq create "$Q"
  run --separate-stderr "$INTEROP" screenplay-send "$Q"
  [ "$status" -eq 0 ]
  local sent="${output#timestamp=}"
  run --separate-stderr "$IPCDEMO" mq recv "$Q"
  [ "$status" -eq 0 ]
  [[ "$(field timestamp "$output")" =~ ^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z\ \($sent\ s\)$ ]]
  [[ "$(field note "$output")" == "the timestamp counts seconds, not nanoseconds, since the epoch"* ]]
  [[ "$(field latency "$output")" == *" (to a whole second)" ]]
  [[ "$output" != *1970* && "$output" != *days* ]]
  [ "$(field value "$output")" = 42 ]
  "$INTEROP" screenplay-send "$Q" >/dev/null
  run --separate-stderr "$IPCDEMO" mq recv "$Q" --json
  jq -e --argjson ts "$sent" '.timestamp_s >= $ts and .channel == 7 and .value == 42 and .latency_ns >= 0' <<<"$output"
}

@test "a message received but not written out (/dev/full) is named, and said to be gone" {
  "$IPCDEMO" -q mq create "$Q"
  "$IPCDEMO" -q mq send "$Q" --prio 5
  run --separate-stderr bash -c '"$@" >/dev/full' _ "$IPCDEMO" mq recv "$Q"
  [ "$status" -eq 1 ]
  [ "$stderr" = "ipcdemo: write standard output: No space left on device; the message received (prio 5, 24 bytes) was taken off the queue and not written out: it is gone" ]
  "$IPCDEMO" -q mq send "$Q" --count 3 --prio 2
  run --separate-stderr bash -c '"$@" >/dev/full' _ "$IPCDEMO" mq recv "$Q" --count 3
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"3 messages received were taken off the queue and not written out: they are gone (the last: prio 2, 24 bytes)" ]]
  run "$IPCDEMO" mq recv "$Q" --nonblock # and the queue is indeed empty
  [ "$status" -eq 3 ]
}

@test "recv and --help say that a receive removes the message" {
  run "$IPCDEMO" mq recv --help
  [[ "$output" == *"A receive takes the message off the queue"* ]]
  grep -q "takes the message off the queue" "$BATS_TEST_DIRNAME/../../man/ipcdemo-mq.1"
}

@test "a timeout whose deadline would overflow 64-bit nanoseconds waits instead of failing" {
  "$IPCDEMO" -q mq create "$Q"
  background "$IPCDEMO" mq recv "$Q" --timeout 7500000000s
  local receiver=$BG
  wait_until_blocked "$receiver" wq_sleep
  "$IPCDEMO" -q mq send "$Q" --channel 4
  wait_status "$receiver"
  [ "$status" -eq 0 ]
  # The same for a sender on a full queue, and for sem wait.
  "$IPCDEMO" -q mq send "$Q" --count 10
  background "$IPCDEMO" -q mq send "$Q" --timeout 9000000000s
  local sender=$BG
  wait_until_blocked "$sender" wq_sleep
  "$IPCDEMO" mq recv "$Q" >/dev/null
  wait_status "$sender"
  [ "$status" -eq 0 ]
  local sem="/$PREFIX-sem"
  "$IPCDEMO" -q sem create "$sem" --value 0 >/dev/null
  background "$IPCDEMO" -q sem wait "$sem" --timeout 9000000000s
  local waiter=$BG
  wait_until_blocked "$waiter" futex
  "$IPCDEMO" -q sem post "$sem"
  wait_status "$waiter"
  [ "$status" -eq 0 ]
}

@test "mq recv ends with 0 when the reader of its output leaves" {
  "$IPCDEMO" -q mq create "$Q"
  "$IPCDEMO" -q mq send "$Q" --count 5
  run bash -c '"$@" | head -c 1 >/dev/null; exit "${PIPESTATUS[0]}"' _ "$IPCDEMO" mq recv "$Q" --count 5
  [ "$status" -eq 0 ]
}
