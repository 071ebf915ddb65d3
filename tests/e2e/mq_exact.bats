#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# mq, exactly: foreign messages shown as what they are, a received message never
# lost silently, deadlines that cannot overflow, the reader leaving is exit 0.
# The queue of each test is the shared fixture's $MQ (ipc_helpers.bash).
load ipc_helpers

@test "a 24-byte text is shown as text, with a note, and decoded only in case it is a sample" {
  "$IPCDEMO" -q mq create "$MQ"
  "$IPCDEMO" -q mq send "$MQ" --text "hello, queue, 24 bytes!!"
  run --separate-stderr "$IPCDEMO" mq recv "$MQ"
  [ "$status" -eq 0 ]
  [[ "$(field length "$output")" == "24 bytes, but not like a sample: reserved is "*", not 0; the timestamp is not plausible" ]]
  [ "$(field text "$output")" = '"hello, queue, 24 bytes!!"' ]
  [ "$(field latency "$output")" = "timestamp not plausible" ]
  [[ "$output" != *days* ]]
  "$IPCDEMO" -q mq send "$MQ" --text "hello, queue, 24 bytes!!"
  run --separate-stderr "$IPCDEMO" mq recv "$MQ" --json
  jq -e '.text == "hello, queue, 24 bytes!!" and .timestamp == null and .latency_ns == null
         and (.note | startswith("not like a sample"))' <<<"$output"
}

@test "--raw shows every message, a sample too, as text or hex only" {
  "$IPCDEMO" -q mq create "$MQ" --msgsize 64
  "$IPCDEMO" -q mq send "$MQ" --channel 1 --value 0
  "$IPCDEMO" -q mq send "$MQ" --text "plain words"
  run --separate-stderr "$IPCDEMO" mq recv "$MQ" --raw --count 2
  [ "$status" -eq 0 ]
  [[ "$output" =~ ^prio:\ 0$'\n'length:\ 24\ bytes$'\n'hex:\ ([0-9a-f]{2}\ ){16}01\ 00\ 00\ 00\ 00\ 00\ 00\ 00$'\n\n'prio:\ 0$'\n'length:\ 11\ bytes$'\n'text:\ \"plain\ words\"$ ]]
  [[ "$output" != *channel* ]]
}

@test "interop: the screenplay's producer stamps time(NULL), shown as seconds with a note" {
  "$IPCDEMO" -q mq create "$MQ"
  run --separate-stderr "$INTEROP" screenplay-send "$MQ"
  [ "$status" -eq 0 ]
  local sent="${output#timestamp=}"
  run --separate-stderr "$IPCDEMO" mq recv "$MQ"
  [ "$status" -eq 0 ]
  [[ "$(field timestamp "$output")" =~ ^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z\ \($sent\ s\)$ ]]
  [[ "$(field note "$output")" == "the timestamp counts seconds, not nanoseconds, since the epoch"* ]]
  [[ "$(field latency "$output")" == *" (to a whole second)" ]]
  [[ "$output" != *1970* && "$output" != *days* ]]
  [ "$(field value "$output")" = 42 ]
  "$INTEROP" screenplay-send "$MQ" >/dev/null
  run --separate-stderr "$IPCDEMO" mq recv "$MQ" --json
  jq -e --argjson ts "$sent" '.timestamp_s >= $ts and .channel == 7 and .value == 42 and .latency_ns >= 0' <<<"$output"
}

@test "a message received but not written out (/dev/full) is named, and said to be gone" {
  "$IPCDEMO" -q mq create "$MQ"
  "$IPCDEMO" -q mq send "$MQ" --prio 5
  run --separate-stderr bash -c '"$@" >/dev/full' _ "$IPCDEMO" mq recv "$MQ"
  [ "$status" -eq 1 ]
  [ "$stderr" = "ipcdemo: write standard output: No space left on device; the message received (prio 5, 24 bytes) was taken off the queue and not written out: it is gone" ]
  "$IPCDEMO" -q mq send "$MQ" --count 3 --prio 2
  run --separate-stderr bash -c '"$@" >/dev/full' _ "$IPCDEMO" mq recv "$MQ" --count 3
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"3 messages received were taken off the queue and not written out: they are gone (the last: prio 2, 24 bytes)" ]]
  run "$IPCDEMO" mq recv "$MQ" --nonblock # and the queue is indeed empty
  [ "$status" -eq 3 ]
}

@test "recv and --help say that a receive removes the message" {
  run "$IPCDEMO" mq recv --help
  [[ "$output" == *"A receive takes the message off the queue"* ]]
  grep -q "takes the message off the queue" "$BATS_TEST_DIRNAME/../../man/ipcdemo-mq.1"
}

@test "a timeout whose deadline would overflow 64-bit nanoseconds waits instead of failing" {
  "$IPCDEMO" -q mq create "$MQ"
  background "$IPCDEMO" mq recv "$MQ" --timeout 7500000000s
  local receiver=$BG
  wait_until_blocked "$receiver" wq_sleep
  "$IPCDEMO" -q mq send "$MQ" --channel 4
  wait_status "$receiver"
  [ "$status" -eq 0 ]
  # The same for a sender on a full queue, and for sem wait.
  "$IPCDEMO" -q mq send "$MQ" --count 10
  background "$IPCDEMO" -q mq send "$MQ" --timeout 9000000000s
  local sender=$BG
  wait_until_blocked "$sender" wq_sleep
  "$IPCDEMO" mq recv "$MQ" >/dev/null
  wait_status "$sender"
  [ "$status" -eq 0 ]
  "$IPCDEMO" -q sem create "$SEM" --value 0 >/dev/null
  background "$IPCDEMO" -q sem wait "$SEM" --timeout 9000000000s
  local waiter=$BG
  wait_until_blocked "$waiter" futex
  "$IPCDEMO" -q sem post "$SEM"
  wait_status "$waiter"
  [ "$status" -eq 0 ]
}

@test "mq recv ends with 0 when the reader of its output leaves" {
  "$IPCDEMO" -q mq create "$MQ"
  "$IPCDEMO" -q mq send "$MQ" --count 5
  run bash -c '"$@" | head -c 1 >/dev/null; exit "${PIPESTATUS[0]}"' _ "$IPCDEMO" mq recv "$MQ" --count 5
  [ "$status" -eq 0 ]
}
