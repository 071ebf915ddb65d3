#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# The screenplay's point, proven: four concurrent producers on one counter lose
# increments without a lock (on every run, with the default --widen), and lose
# none with --sync atomic or --sync sem; the counter is never above the attempts.
load ipc_helpers

PRODUCERS=4
COUNT=100000

# Runs $PRODUCERS concurrent producers with `--sync $1` on a fresh segment, checks
# that each ended well, and sets $total to the final counter.
run_producers() {
  local sync=$1 pids=() pid status
  "$IPCDEMO" shm create "$SHM" --exclusive >/dev/null
  for ((i = 0; i < PRODUCERS; i++)); do
    background "$IPCDEMO" shm produce "$SHM" --interval 0 --count "$COUNT" --sync "$sync" --lock "$SEM" \
      >/dev/null 2>"$TEST_DIR/err.$i"
    pids+=("$BG")
  done
  for pid in "${pids[@]}"; do
    wait_status "$pid"
    [ "$status" -eq 0 ] || { echo "producer $pid: status $status"; cat "$TEST_DIR"/err.*; return 1; }
  done
  total="$("$IPCDEMO" shm consume "$SHM" --count 1 --interval 0)"
  info="$("$IPCDEMO" shm info "$SHM")"
}

# The value of "KEY: " in $info.
info_value() { awk -v key="$1:" '$1 == key {print $2}' <<<"$info"; }

@test "--sync atomic: 4 x 100000 concurrent increments give exactly 400000" {
  run_producers atomic
  [ "$total" -eq $((PRODUCERS * COUNT)) ]
  [ "$(info_value attempts)" -eq $((PRODUCERS * COUNT)) ]
  [[ "$info" == *"summary: counter 400,000 of 400,000 attempted: 0 lost (0.0%)"* ]]
}

@test "--sync sem: 4 x 100000 concurrent increments under a semaphore give exactly 400000" {
  run_producers sem
  [ "$total" -eq $((PRODUCERS * COUNT)) ]
  [[ "$info" == *"summary: counter 400,000 of 400,000 attempted: 0 lost (0.0%)"* ]]
  # The lock was created once, with value 1, and is free again.
  [ "$("$IPCDEMO" sem value "$SEM")" = 1 ]
  [ "$(cat "$TEST_DIR"/err.* | grep -c "created lock semaphore")" -eq 1 ]
}

# The README's loop, as it is: the default --widen 1us keeps each producer between
# its load and its store long enough that four of them, started together, lose
# increments on every run, on a busy machine too. Three runs, each must lose.
@test "--sync racy (default --widen): 4 x 100000 concurrent increments lose some on every run" {
  local run last lost
  for run in 1 2 3; do
    run_producers racy
    # Every racy store writes a value it read plus one, so the counter ends as the
    # value of the last store, which one producer reports as its last value written.
    last=$(sed -n 's/.*last value written: \([0-9,]*\).*/\1/p' "$TEST_DIR"/err.* | tr -d ,)
    [ "$(wc -l <<<"$last")" -eq "$PRODUCERS" ] || { cat "$TEST_DIR"/err.*; return 1; }
    grep -qx "$total" <<<"$last" || { echo "counter $total is no producer's last value: $last"; return 1; }
    # Every attempt is counted atomically, even by racy producers: the loss is counted.
    [ "$(info_value attempts)" -eq $((PRODUCERS * COUNT)) ]
    lost=$((PRODUCERS * COUNT - total))
    [ "$lost" -gt 0 ] || { echo "run $run lost nothing: $info"; return 1; }
    [ "$(sed -n 's/.*attempted: \([0-9,]*\) lost.*/\1/p' <<<"$info" | tr -d ,)" -eq "$lost" ]
    # The producers name the window they widened.
    [ "$(grep -c -- "--sync racy --widen 1us)" "$TEST_DIR"/err.* | awk -F: '{s += $2} END {print s}')" -eq "$PRODUCERS" ]
    echo "# racy, run $run: $total of $((PRODUCERS * COUNT)), $lost increments lost" >&3
    "$IPCDEMO" -q shm unlink "$SHM"
  done
}

@test "the last producer to end says what the segment counted, and how often the others came in between" {
  run_producers atomic
  # Each summary describes the segment when that producer ended; the last one saw all.
  grep -hxE "ipcdemo: info: segment now: counter 400,000 of 400,000 attempted: 0 lost \(0\.0%\)" "$TEST_DIR"/err.*
  # Interleavings are said only when they happened, as a count.
  ! grep -h "interleaved: " "$TEST_DIR"/err.* | grep -vE "came between two of ours [0-9,]+ times?$"
}

@test "with atomic or sem no producer ever reports a loss, even while the others still run" {
  # Each producer's summary reads the segment while the others may be between their
  # count and their store: that is no loss, and no producer calls it one.
  for sync in atomic sem; do
    run_producers "$sync"
    ! grep -hE "lost \([1-9]|attempted: [1-9][0-9,]* lost" "$TEST_DIR"/err.* || { echo "--sync $sync"; return 1; }
    "$IPCDEMO" -q shm unlink "$SHM"
  done
}

# Producers that never end (--count 0), killed with SIGKILL in the middle of their
# increments: whatever each was doing, the counter may lag its attempts (an attempt
# counted, its store never made) but is never above them.
@test "after SIGKILL of producers mid-run the counter is never above the attempts" {
  local sync pids pid i attempts counter
  for sync in racy atomic; do
    "$IPCDEMO" shm create "$SHM" --exclusive >/dev/null
    pids=()
    for ((i = 0; i < PRODUCERS; i++)); do
      background "$IPCDEMO" shm produce "$SHM" --interval 0 --count 0 --sync "$sync" >/dev/null 2>&1
      pids+=("$BG")
    done
    # Mid-run (the attempts pass 4 x 1000), and a reader sees the counter at most
    # at the attempts all along.
    for ((i = 0; i < 2000; i++)); do
      info="$("$IPCDEMO" shm info "$SHM")"
      attempts=$(info_value attempts) counter=$(info_value counter)
      [ "$counter" -le "$attempts" ] || { echo "--sync $sync, running: $info"; return 1; }
      [ "$attempts" -lt $((PRODUCERS * 1000)) ] || break
    done
    [ "$attempts" -ge $((PRODUCERS * 1000)) ]
    for pid in "${pids[@]}"; do kill -KILL "$pid"; done
    for pid in "${pids[@]}"; do wait_status "$pid"; [ "$status" -eq 137 ]; done
    info="$("$IPCDEMO" shm info "$SHM")"
    attempts=$(info_value attempts) counter=$(info_value counter)
    [ "$counter" -le "$attempts" ] || { echo "--sync $sync, killed: $info"; return 1; }
    [[ "$info" == *"summary: counter "*" attempted: "*" lost ("* ]]
    [[ "$info" != *"above its attempts"* ]]
    "$IPCDEMO" -q shm unlink "$SHM"
  done
}

@test "a segment of only 8 bytes (counter only) still works, its attempts not recorded" {
  : >"/dev/shm$SHM"
  truncate -s 8 "/dev/shm$SHM"
  run --separate-stderr "$IPCDEMO" shm produce "$SHM" --count 3 --interval 0
  [ "$status" -eq 0 ]
  [ "$output" = "$(seq 1 3)" ]
  [[ "$stderr" == *"segment now: counter 3 (attempts: not recorded, the segment has room for the counter only)"* ]]
  run --separate-stderr "$IPCDEMO" shm info "$SHM"
  [ "$status" -eq 0 ]
  [[ "$output" == *$'counter: 3\nattempts: not recorded'* ]]
  run --separate-stderr "$IPCDEMO" shm consume "$SHM" --count 1 --interval 0
  [ "$output" = 3 ]
  [[ "$stderr" == *"counter 3 (attempts: not recorded"* ]]
}

@test "a counter written by a producer that counts no attempts is not called a loss" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  # The screenplay's producer writes the counter only: 5 into the first 8 bytes.
  printf '\005\000\000\000\000\000\000\000' | dd of="/dev/shm$SHM" conv=notrunc status=none
  run --separate-stderr "$IPCDEMO" shm info "$SHM"
  [[ "$output" == *"summary: counter 5 of 0 attempted: the counter is above its attempts, so something that does not count its attempts wrote it"* ]]
  [[ "$output" != *"in flight"* ]]
}
