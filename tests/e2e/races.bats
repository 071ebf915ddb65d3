#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# Real concurrent processes racing on one name: create against produce and
# consume (nobody may see a segment before it has its size), create against
# unlink, and producers that all try to create the --sync sem lock at once.
# The tsan preset runs these with a ThreadSanitizer build.
load helpers

setup() {
  common_setup
  SHM="/ipcdemo-test-$$-$BATS_TEST_NUMBER-shm"
}

teardown() {
  rm -f "/dev/shm$SHM" "/dev/shm/sem.${SHM#/}-lock"
  common_teardown
}

@test "nobody sees a half-made segment: create races produce and consume" {
  local i
  for i in $(seq 40); do
    local name="$SHM"
    "$IPCDEMO" -q shm create "$name" --size 64K >/dev/null 2>"$TEST_DIR/create-err" &
    local creator=$!
    "$IPCDEMO" -q shm consume "$name" -c 1 -i 0 >/dev/null 2>"$TEST_DIR/consume-err" &
    local consumer=$!
    "$IPCDEMO" -q shm produce "$name" -c 1 -i 0 >/dev/null 2>"$TEST_DIR/produce-err" &
    local producer=$!
    wait "$creator"
    wait "$consumer" || true
    wait "$producer" || true
    # Too early is fine ("create it first"); a segment seen unsized never is.
    for err in consume-err produce-err; do
      if [ -s "$TEST_DIR/$err" ]; then
        grep -q "No such file or directory; create it first" "$TEST_DIR/$err" ||
          { echo "round $i, $err: $(cat "$TEST_DIR/$err")"; rm -f "/dev/shm$name"; return 1; }
      fi
    done
    [ "$(stat -c %s "/dev/shm$name")" -eq 65536 ]
    rm -f "/dev/shm$name"
  done
}

@test "create racing unlink: every create either makes the segment or finds it, never a broken one" {
  local i
  for i in $(seq 40); do
    "$IPCDEMO" -q shm create "$SHM" --size 4K >/dev/null 2>"$TEST_DIR/c1" &
    local first=$!
    "$IPCDEMO" -q shm unlink "$SHM" 2>/dev/null &
    local unlinker=$!
    "$IPCDEMO" -q shm create "$SHM" --size 4K >/dev/null 2>"$TEST_DIR/c2" &
    local second=$!
    wait "$first" || { cat "$TEST_DIR/c1"; return 1; }
    wait "$second" || { cat "$TEST_DIR/c2"; return 1; }
    wait "$unlinker" || true
    [ ! -e "/dev/shm$SHM" ] || [ "$(stat -c %s "/dev/shm$SHM")" -eq 4096 ]
    rm -f "/dev/shm$SHM"
  done
}

@test "producers starting together create the --sync sem lock once and lose no increment" {
  local round pids
  for round in $(seq 10); do
    "$IPCDEMO" -q shm create "$SHM" >/dev/null
    pids=()
    for i in 1 2 3 4; do
      "$IPCDEMO" shm produce "$SHM" -i 0 -c 500 --sync sem >/dev/null 2>"$TEST_DIR/err-$i" &
      pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    [ "$(cat "$TEST_DIR"/err-* | grep -c "created lock semaphore")" -eq 1 ] || { cat "$TEST_DIR"/err-*; return 1; }
    [ "$("$IPCDEMO" shm info "$SHM" | grep '^counter:')" = "counter: 2000" ]
    [ "$("$IPCDEMO" sem value "$SHM-lock")" = 1 ]
    rm -f "/dev/shm$SHM" "/dev/shm/sem.${SHM#/}-lock"
  done
}
