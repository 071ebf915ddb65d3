#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# The guided tour runs start to end, shows real command lines and output, and
# leaves nothing behind, also when interrupted in the middle of a scene.
load helpers

setup() { common_setup; }
teardown() { common_teardown; }

# Runs the tour with arguments $@ and owns its objects (prefix in $TOUR).
run_tour() {
  run --separate-stderr "$IPCDEMO" tour "$@"
  TOUR="$(tour_prefix <<<"$output")"
  own_tour "$TOUR"
}

@test "the tour runs every scene in order and exits 0, leaving nothing behind" {
  run_tour
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
  [ -n "$TOUR" ] && [ -z "$(tour_objects "$TOUR")" ]
}

@test "lost increments: counted, seen (or said not seen), and none with atomic or sem under real overlap" {
  run_tour --scene race
  [ "$status" -eq 0 ] || { echo "$output $stderr"; return 1; }
  # The racy half goes on until a loss is seen, within its cap, and says which it was.
  [[ "$output" =~ increments?\ lost(\)|,\ seen\ in\ round) || "$output" == *"No increment was lost in "*" rounds within "* ]]
  [[ "$output" =~ "=> counter "[0-9,]+" of "[0-9,]+" attempted: "[0-9,]+" lost" ]]
  # The atomic and sem halves: the same counts, started together, nothing lost.
  [ "$(grep -c -- '--interval 0 --count 200000 --sync atomic > /dev/null & done; wait' <<<"$output")" -ge 1 ]
  [ "$(grep -c -- '--interval 0 --count 200000 --sync sem > /dev/null & done; wait' <<<"$output")" -ge 1 ]
  [ "$(grep -cE '=> counter ([0-9,]+) of \1 attempted: 0 lost \(0\.0%\)' <<<"$output")" -ge 2 ]
  # Whether they overlapped was checked and said.
  [ "$(grep -c -e 'they did run$' -e 'did not all overlap' <<<"$output")" -eq 2 ]
}

@test "copy-on-write: the private page and the private producer's copy, the segment unchanged" {
  run_tour --scene cow
  [ "$status" -eq 0 ] || { echo "$output $stderr"; return 1; }
  [[ "$output" == *'private mapping reads "COPY:x:0:0'*"Private_Dirty 4 kB (Anonymous 4 kB)"* ]]
  [[ "$output" == *"--private: our copy says counter 5 of 5"*"the segment itself, which no write of ours reached: counter 2 of 2"* ]]
  [[ "$output" == *$'| counter: 2\n  | attempts: 2'* ]]
}

@test "priorities come out highest first in the message queue scene" {
  run_tour --scene mq
  [ "$status" -eq 0 ]
  [[ "$output" == *"| prio: 9"*"| prio: 1"* ]]
}

@test "SIGINT in the middle of a scene ends the tour with 130 and removes its objects" {
  background "$IPCDEMO" tour --scene shm >"$TEST_DIR/out" 2>&1
  local tour=$BG
  own_tour "ipcdemo-tour-$tour-"
  # The segment exists once the scene is under way (its consumer and producer run ~1 s).
  for _ in $(seq 500); do ls /dev/shm | grep -q "^ipcdemo-tour-$tour-[0-9a-f]*-shm$" && break; sleep 0.01; done
  ls /dev/shm | grep -q "^ipcdemo-tour-$tour-[0-9a-f]*-shm$"
  kill -INT "$tour"
  wait_status "$tour"
  [ "$status" -eq 130 ] || { cat "$TEST_DIR/out"; return 1; }
  [ -z "$(tour_objects "ipcdemo-tour-$tour-")" ]
  ! pgrep -f "ipcdemo-tour-$tour-" >/dev/null
}

@test "--scene runs one scene; an unknown scene is a usage error" {
  run_tour --scene maps
  [ "$status" -eq 0 ]
  [ "$(grep -c '^== Scene' <<<"$output")" -eq 1 ]
  run_tour --scene nosuch
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"no scene 'nosuch'"* ]]
}

@test "--list-scenes names the scenes in the screenplay's order" {
  run "$IPCDEMO" tour --list-scenes
  [ "$status" -eq 0 ]
  [ "$(awk '{print $1}' <<<"$output" | paste -sd' ')" = "read maps shm cow race sem mq" ]
}
