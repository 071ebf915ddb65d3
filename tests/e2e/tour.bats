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

# $output as one line, joined again where the screen wrapped it.
joined() { sed 's/^  |  *//; s/^   *//' <<<"$output" | tr '\n' ' ' | tr -s ' '; }

# The lines of $output wider than $1 columns (characters, not bytes).
too_wide() { LC_ALL=C.UTF-8 awk -v max="$1" 'length($0) > max' <<<"$output"; }

# The lines of scene $1 (its title begins with $1) in $output.
scene() { awk -v title="== Scene [0-9]+/[0-9]+: $1" '/^== Scene/ {on = ($0 ~ title)} on' <<<"$output"; }

@test "the tour runs every scene in order at 80 and 100 columns: no line wider, every promised row there" {
  local columns
  for columns in 80 100; do
    COLUMNS=$columns run_tour
    [ "$status" -eq 0 ] || { echo "$output $stderr"; return 1; }
    [ -z "$(too_wide "$columns")" ] || { echo "wider than $columns:"; too_wide "$columns"; return 1; }
    [ "$(grep -c '^== Scene' <<<"$output")" -eq "$("$IPCDEMO" tour --list-scenes | wc -l)" ]
    [ -n "$TOUR" ] && [ -z "$(tour_objects "$TOUR")" ]

    # read: both copies narrated, then the mapping.
    [[ "$(scene Reading)" == *'$ ipcdemo -v mmap cat - < /etc/passwd'*"read(0, "*'$ ipcdemo -v mmap cat /etc/passwd'*"mmap(NULL, "* ]]
    # maps: the marked rows, heap and stack, the legend of p and s ...
    local maps
    maps="$(scene File-backed)"
    # (1M, or a larger row that holds it: the kernel merges neighbouring anonymous
    # mappings, as it does beside a sanitizer's; the marker then says so.)
    grep -qE '^  \| [0-9a-f]+ +(1M rw-p <-- --anon|[0-9.]+[KMGT] rw-p <-- --anon \(1M of this row)' <<<"$maps"
    grep -qE '^  \| [0-9a-f]+ +[0-9.]+K r--p /etc/passwd  <-- --file /etc/passwd' <<<"$maps"
    grep -qF '[heap]' <<<"$maps"
    grep -qE '^  \|  +p private: MAP_PRIVATE' <<<"$maps"
    # ... then what the kernel mapped at execve (program, loader, vdso, stack) ...
    grep -qE '^  \| 1\. Right after execve' <<<"$maps"
    grep -qE '^  \| [0-9a-f]+ +[0-9.]+K r--p /usr/bin/true  <-- the program' <<<"$maps"
    grep -qE '^  \| [0-9a-f]+ +[0-9.]+K r--p /.*/ld-linux[^ ]*  <--' <<<"$maps"
    grep -qE '^  \| [0-9a-f]+ +[0-9.]+K r-xp \[vdso\]' <<<"$maps"
    # ... and, as it exits, the libraries the loader mapped: libc's rows, code among them.
    sed -n '/^  | 2\. As it exits/,$p' <<<"$maps" | grep -qE '^  \| [0-9a-f]+ +[0-9.]+[KM] r-xp /.*/libc\.so\.6$'
    grep -qE '^  \| Mapped since execve: .*libc\.so\.6' <<<"$maps"
    # shm: the create narrated, two processes on one counter.
    [[ "$(scene Shared)" =~ ftruncate\([0-9]+,\ 4096\)\ =\ 0 ]]
    [[ "$(scene Shared)" =~ consumer\ \|\ [0-9] && "$(scene Shared)" =~ producer\ \|\ [0-9] ]]
    # race: one table per run, no producer's log lines, the loss counted, 0 lost fixed.
    local race
    race="$(scene Lost)"
    [ "$(grep -cE '^  producer +increments +rate +interleavings$' <<<"$race")" -ge 3 ]
    [ "$(grep -cE '^ +[1-4] +100,000 +[0-9.,]+( M)?/s +[0-9,]+$' <<<"$race")" -ge 12 ]
    ! grep -q "info: produced" <<<"$race"
    grep -qE '^  => counter [0-9,]+ of 400,000 attempted: [1-9][0-9,]* lost' <<<"$race"
    [ "$(grep -cxF '  => counter 400,000 of 400,000 attempted: 0 lost (0.0%)' <<<"$race")" -eq 2 ]
    [[ "$(joined | sed 's/ \\ / /g')" == *"-c 100000 --sync racy --widen 1us >/dev/null & done; wait"* ]]
    [[ "$race" != *"in flight"* ]]
    # sem: the eighth wait blocks until the post.
    [[ "$(scene 'A semaphore')" == *"(waiter is blocked: state S in /proc/"* ]]
    # mq: the layout with its table headers, both structs; the blocked receiver.
    local mq
    mq="$(scene Message)"
    [[ "$mq" == *"| The screenplay's struct msg"* ]]
    [ "$(grep -cE '^  \|   offset  size  field +type$' <<<"$mq")" -eq 2 ]
    grep -qE '^  \|   struct msg \{ int channel;' <<<"$mq"
    grep -qE "^  \| ipcdemo's sample" <<<"$mq"
    [[ "$mq" == *"(receiver is blocked: state S in /proc/"* ]]
    [[ "$mq" == *"receiver | value: 42"* ]]
  done
}

@test "lost increments: seen on the first run, and none with atomic or sem, which really overlapped" {
  run_tour --scene race
  [ "$status" -eq 0 ] || { echo "$output $stderr"; return 1; }
  # --widen makes the racy run lose increments at once: no second round.
  [ "$(joined | sed 's/ \\ / /g' | grep -o -- '--sync racy --widen 1us >/dev/null & done; wait' | wc -l)" -eq 1 ]
  grep -qE '^  => counter [0-9,]+ of 400,000 attempted: [1-9][0-9,]* lost \([0-9.]+%\)$' <<<"$output"
  # The atomic and sem halves: the same counts, started together, nothing lost,
  # and whether they overlapped was checked and said.
  [ "$(grep -cxF '  => counter 400,000 of 400,000 attempted: 0 lost (0.0%)' <<<"$output")" -ge 2 ]
  [ "$(joined | grep -o -e 'they did run at the same time' -e 'did not all run at the same time' | wc -l)" -ge 2 ]
}

@test "copy-on-write: the private page and the private producer's copy, the segment unchanged" {
  run_tour --scene cow
  [ "$status" -eq 0 ] || { echo "$output $stderr"; return 1; }
  [[ "$(joined)" == *'private mapping reads "COPY:x:0:0'*"Private_Dirty 4 kB (Anonymous 4 kB)"* ]]
  [[ "$(joined)" == *"--private: our copy says counter 5 of 5"*"the segment itself, which no write of ours reached: counter 2 of 2"* ]]
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
