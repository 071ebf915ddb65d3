#!/usr/bin/env bats
# The guided tour runs start to end, shows real command lines and output, and
# leaves nothing behind, also when interrupted in the middle of a scene.
load helpers

setup() { common_setup; }
# Tour objects whose tour has ended: their names carry its PID. Those of tours
# still running (another test suite's, on a shared machine) are not ours to judge.
stale_tour_objects() {
  local file pid
  for file in /dev/shm/ipcdemo-tour-* /dev/shm/sem.ipcdemo-tour-*; do
    [ -e "$file" ] || continue
    pid=${file##*ipcdemo-tour-}
    pid=${pid%%-*}
    kill -0 "$pid" 2>/dev/null || echo "$file"
  done
}

teardown() {
  common_teardown
  # Whatever a failed test left.
  stale_tour_objects | xargs -r rm -f --
}

leftovers() { stale_tour_objects | wc -l; }

# The value after "counter: " in the output section that follows $1.
counter_after() { awk -v marker="$1" 'index($0, marker) {found = 1} found && /counter:/ {print $NF; exit}' <<<"$output"; }

@test "the tour runs every scene in order and exits 0, leaving nothing behind" {
  run --separate-stderr "$IPCDEMO" tour
  [ "$status" -eq 0 ] || { echo "$output $stderr"; return 1; }
  [ "$(grep -c '^== Scene' <<<"$output")" -eq "$("$IPCDEMO" tour --list-scenes | wc -l)" ]
  [[ "$output" == *'$ ipcdemo -v mmap cat - < /etc/passwd'* ]]
  [[ "$output" == *"read(0, "* ]]
  [[ "$output" == *"mmap(NULL, "*"PROT_READ, MAP_PRIVATE"* ]]
  [[ "$output" == *"<-- --anon"* ]]
  [[ "$output" == *"open(\"/dev/shm\", O_RDWR|O_TMPFILE"*"linkat("* ]]
  [[ "$output" =~ consumer\ \|\ [0-9] ]]
  [[ "$output" =~ producer\ \|\ [0-9] ]]
  [[ "$output" == *"(waiter is blocked: state S in /proc/"* ]]
  [[ "$output" == *"(receiver is blocked: state S in /proc/"* ]]
  [[ "$output" == *"receiver | value: 42"* ]]
  [ "$(leftovers)" -eq 0 ]
}

# The racy count is chance; what must hold is that the counter shown is the value
# one of the racy producers stored last (each reports its "last value written").
@test "lost increments: racy ends at one producer's last store, the semaphore loses none" {
  run --separate-stderr "$IPCDEMO" tour --scene race
  [ "$status" -eq 0 ] || { echo "$output $stderr"; return 1; }
  local racy locked last
  racy=$(counter_after "-racy --interval 0")
  locked=$(counter_after "--sync sem")
  last=$(sed -n 's/^ *racy-[0-9] | .*last value written: \([0-9]*\).*/\1/p' <<<"$output")
  [ "$(wc -l <<<"$last")" -eq 4 ] || { echo "$output"; return 1; }
  grep -qx "$racy" <<<"$last" || { echo "counter $racy is no racy producer's last value: $last"; return 1; }
  [ "$racy" -le 800000 ]
  [ "$locked" -eq 80000 ]
}

@test "priorities come out highest first in the message queue scene" {
  run --separate-stderr "$IPCDEMO" tour --scene mq
  [ "$status" -eq 0 ]
  [[ "$output" == *"| prio: 9"*"| prio: 1"* ]]
}

@test "SIGINT in the middle of a scene ends the tour with 130 and removes its objects" {
  background "$IPCDEMO" tour --scene shm >"$TEST_DIR/out" 2>&1
  local tour=$BG
  # The segment exists once the scene is under way (its consumer and producer run ~1 s).
  for _ in $(seq 500); do ls /dev/shm | grep -q "^ipcdemo-tour-$tour-[0-9a-f]*-shm$" && break; sleep 0.01; done
  ls /dev/shm | grep -q "^ipcdemo-tour-$tour-[0-9a-f]*-shm$"
  kill -INT "$tour"
  wait_status "$tour"
  [ "$status" -eq 130 ] || { cat "$TEST_DIR/out"; return 1; }
  [ "$(leftovers)" -eq 0 ]
  ! pgrep -f "ipcdemo-tour-$tour-" >/dev/null
}

@test "--scene runs one scene; an unknown scene is a usage error" {
  run --separate-stderr "$IPCDEMO" tour --scene maps
  [ "$status" -eq 0 ]
  [ "$(grep -c '^== Scene' <<<"$output")" -eq 1 ]
  run --separate-stderr "$IPCDEMO" tour --scene nosuch
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"no scene 'nosuch'"* ]]
}

@test "--list-scenes names the scenes in the screenplay's order" {
  run "$IPCDEMO" tour --list-scenes
  [ "$status" -eq 0 ]
  [ "$(awk '{print $1}' <<<"$output" | paste -sd' ')" = "read maps shm race sem mq" ]
}
