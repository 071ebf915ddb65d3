#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# `bench` is checked for what it does, never for how fast: every mechanism runs
# between two processes that both count, the JSON holds, nothing is left behind.
load helpers

# Every bench run here makes its private FIFO directory (mkdtemp) under $TMPDIR:
# a folder of this test's own, so that "nothing left behind" looks at nothing else.
setup() {
  common_setup
  export TMPDIR="$TEST_DIR/tmp"
  mkdir "$TMPDIR"
}
teardown() { common_teardown; }

# The PIDs of a process's children (no procps needed).
children_of() { local pids; pids=$(cat /proc/"$1"/task/*/children 2>/dev/null) || true; echo $pids; }

# Waits (bounded, 10 s) until the process found by "$@" (e.g. children_of PID) exists,
# and prints its PID: the bench has forked its second process and is measuring.
wait_for_process() {
  local found
  for _ in $(seq 1000); do
    found=$("$@")
    [ -n "$found" ] && { echo "$found"; return 0; }
    sleep 0.01
  done
  return 1
}
grandchildren_of() { children_of "$(children_of "$1")"; }

# Runs "$@" with its PID written to $TEST_DIR/pid first (exec keeps the PID), so
# that the test knows the names its bench run makes: /ipcdemo-bench-PID-TAG.
# (A function cannot follow `timeout`: there, write "${WITH_PID[@]}" "$TEST_DIR/pid" instead.)
WITH_PID=(sh -c 'echo $$ >"$0"; exec "$@"')
with_pid() { "${WITH_PID[@]}" "$TEST_DIR/pid" "$@"; }

# The objects bench run $1 (a PID, by default the one with_pid wrote) left in
# /dev/shm: its shm segments and sem.* files. Only its own: whatever else is on
# the machine, another test's or another user's bench included, is not looked at.
leftovers() {
  local pid=${1:-$(cat "$TEST_DIR/pid")}
  [ -n "$pid" ] || { echo "no bench PID known"; return 0; }
  ls /dev/shm | grep -E "^(sem\.)?ipcdemo-bench-$pid-" || true
  ls -A "$TMPDIR"
}

# Every mechanism that runs between two processes, and the one-process object costs.
ROUND_TRIPS="shm-spin futex sem sem-spin sem-unnamed eventfd signal mq pipe fifo unix seqpacket tcp"
STREAMS="shm-ring mq-stream pipe-stream fifo-stream unix-stream seqpacket-stream tcp-stream"
OBJECTS="sem-open-new sem-open-existing shm-create mq-open"

# Checks a bench --json document: every figure positive and finite, two processes
# and equal counts for every two-process row, a ratio wherever its floor was
# measured too. Prints the mechanisms it saw.
check_json() {
  python3 - "$1" <<'PY'
import json, math, os, sys
doc = json.load(open(sys.argv[1]))
assert doc["tool"] == "ipcdemo bench", doc["tool"]
assert doc["sizes"] and all(24 <= size <= 65536 for size in doc["sizes"]), doc["sizes"]
assert doc["repetitions"] >= 1
for r in doc["results"]:
    name = f'{r["mechanism"]} {r["placement"]}'
    for key in ("median", "p10", "p90"):
        v = r[key]
        assert isinstance(v, (int, float)) and math.isfinite(v) and v > 0, f"{name}: {key}={v}"
    assert r["p10"] <= r["median"] <= r["p90"] or r["p90"] <= r["median"] <= r["p10"], name
    assert r["repetitions"] == doc["repetitions"], name
    assert r["operations"] >= r["repetitions"] and r["per_repetition"] == r["operations"] // r["repetitions"], name
    if r["kind"] == "object":
        assert r["processes"] == 1 and r["placement"] is None, name
    else:
        assert r["processes"] == 2, name
        assert r["peer_pid"] != r["pid"] and r["peer_pid"] > 0, name
        assert r["peer_operations"] == r["operations"], f'{name}: {r["peer_operations"]} != {r["operations"]}'
        assert r["size"] is None or r["size"] in doc["sizes"], name
        floor = "shm-spin" if r["kind"] == "round_trip" else "shm-ring"
        size = r["size"] or min(doc["sizes"])
        if any(f["mechanism"] == floor and f["placement"] == r["placement"] and f["size"] == size
               for f in doc["results"]):
            assert r["floor_ratio"] is not None and r["floor_ratio"] > 0, name
        else:
            assert r["floor_ratio"] is None, name
    print(r["mechanism"], r["placement"] or "-")
PY
}

@test "--quick --json runs every mechanism between two counting processes" {
  run --separate-stderr with_pid "$IPCDEMO" bench --quick --json
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  echo "$output" >"$TEST_DIR/bench.json"
  check_json "$TEST_DIR/bench.json" >"$TEST_DIR/seen"
  for mechanism in $ROUND_TRIPS $STREAMS; do
    for placement in split same; do
      if [ "$(nproc)" -lt 2 ] && [ "$placement" = split ]; then continue; fi
      grep -qx "$mechanism $placement" "$TEST_DIR/seen" || { echo "missing: $mechanism $placement"; return 1; }
    done
  done
  for mechanism in $OBJECTS; do
    grep -qx "$mechanism -" "$TEST_DIR/seen" || { echo "missing: $mechanism"; return 1; }
  done
  # Floor, wake-up and depth at least (placement needs two CPUs), in words.
  python3 -c 'import json,sys; c = json.load(open(sys.argv[1]))["conclusions"]; assert len(c) >= 3 and all(isinstance(x, str) for x in c), c' "$TEST_DIR/bench.json"
  # Progress at the default level says what is being measured, never the figures:
  # the table says them once.
  grep -q '^ipcdemo: info: bench: two processes ' <<<"$stderr"
  ! grep -q 'bench \[' <<<"$stderr"
  ! grep -qE '[0-9] (ns|µs|ms)' <<<"$stderr" || { echo "$stderr"; return 1; }
  [ -z "$(leftovers)" ]
}

@test "the table names every mechanism, the floor and the repetitions" {
  run --separate-stderr "$IPCDEMO" -q bench --quick --cpus same
  [ "$status" -eq 0 ]
  [ -z "$stderr" ]
  [[ "$output" == *"median of 5 repetitions"* ]]
  [[ "$output" == *"shm cache line, spin (floor)"* ]]
  [[ "$output" == *"named sem, spin then block"*"one CPU: spin skipped"* ]]
  [[ "$output" == *"POSIX mq at full depth"* ]]
  [[ "$output" == *"sem_open, new semaphore"* ]]
  [[ "$output" == *"x floor"* ]]
  # The conclusions at the end quote this run's own figures.
  local floor said
  floor=$(grep -E '^    shm cache line, spin \(floor\) +same ' <<<"$output" | awk '{print $7, $8}')
  said=$(sed -n '/^What these figures say/,$p' <<<"$output" | tr -s ' \n' ' ')
  [[ "$said" == *"- Floor: "*"spinning on one CPU, takes $floor per round trip"* ]] || { echo "$said"; return 1; }
  [[ "$said" == *"- Wake-up: a blocking named semaphore "* ]]
}

@test "--cpus same on one usable CPU ends (the spins are bounded)" {
  command -v taskset >/dev/null || skip "taskset not installed"
  run --separate-stderr timeout 60 "${WITH_PID[@]}" "$TEST_DIR/pid" taskset -c 0 "$IPCDEMO" bench --quick --json --cpus same
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  echo "$output" >"$TEST_DIR/bench.json"
  check_json "$TEST_DIR/bench.json" >/dev/null
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["machine"]["usable_cpus"] == [0]' \
    "$TEST_DIR/bench.json"
  [ -z "$(leftovers)" ]
}

@test "by default one usable CPU means same only, and split is refused" {
  command -v taskset >/dev/null || skip "taskset not installed"
  run --separate-stderr timeout 60 taskset -c 0 "$IPCDEMO" bench --quick --only sem-spin --json
  [ "$status" -eq 0 ]
  [[ "$stderr" == *"only CPU 0 is usable"* ]]
  [ "$(python3 -c 'import json,sys; print(" ".join(r["placement"] for r in json.load(sys.stdin)["results"]))' <<<"$output")" = same ]
  run --separate-stderr taskset -c 0 "$IPCDEMO" bench --quick --cpus split
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"--cpus split needs two usable CPUs"* ]]
}

@test "--only runs one mechanism, in the placement asked for" {
  run --separate-stderr "$IPCDEMO" -v bench --quick --json --only mq --cpus any -r 3
  [ "$status" -eq 0 ]
  # With -v, each figure as it is measured.
  [ "$(grep -c 'debug: bench \[1/1\] POSIX mq, 24 B, any: ' <<<"$stderr")" -eq 1 ]
  echo "$output" >"$TEST_DIR/bench.json"
  [ "$(check_json "$TEST_DIR/bench.json")" = "mq any" ]
  python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["repetitions"] == 3' "$TEST_DIR/bench.json"
  run --separate-stderr "$IPCDEMO" bench --quick --json --only shm-create
  [ "$status" -eq 0 ]
  echo "$output" >"$TEST_DIR/bench.json"
  [ "$(check_json "$TEST_DIR/bench.json")" = "shm-create -" ]
}

@test "bad options exit 2 and run nothing" {
  for args in "--only nope" "--cpus both" "--repetitions 0" "--repetitions -1" "--repetitions 1001" \
    "--quick extra" "--nope" "--size 0" "--size 23" "--size 65537" "--size 1M" "--size big" "--size 24,x" \
    "--size 24,"; do
    run --separate-stderr with_pid "$IPCDEMO" bench $args
    [ "$status" -eq 2 ] || { echo "bench $args: status $status"; return 1; }
    [ -z "$output" ]
    [ -z "$(leftovers)" ]
  done
}

@test "Ctrl-C in the middle ends with 130, kills the second process and leaves nothing" {
  background "$IPCDEMO" bench --only sem --cpus any -r 200 >/dev/null 2>"$TEST_DIR/err"
  local pid=$BG
  local children
  children=$(wait_for_process children_of "$pid")
  kill -INT "$pid"
  local status=0
  wait "$pid" || status=$?
  [ "$status" -eq 130 ] || { cat "$TEST_DIR/err"; return 1; }
  grep -q "interrupted by SIGINT" "$TEST_DIR/err"
  for child in $children; do ! kill -0 "$child" 2>/dev/null; done
  [ -z "$(leftovers "$pid")" ]
}

@test "a second process that dies ends the measurement with exit 1, never a hang" {
  for mechanism in sem sem-unnamed mq pipe shm-spin futex eventfd signal fifo unix seqpacket tcp tcp-stream; do
    (exec timeout 30 "$IPCDEMO" -q bench --only "$mechanism" --cpus any -r 200 >/dev/null 2>"$TEST_DIR/err") &
    local pid=$!
    # timeout's child is ipcdemo; ipcdemo's child is the second process.
    local child bench
    child=$(wait_for_process grandchildren_of "$pid")
    bench=$(children_of "$pid")
    kill -KILL $child
    local status=0
    wait "$pid" || status=$?
    [ "$status" -eq 1 ] || { echo "$mechanism: status $status"; cat "$TEST_DIR/err"; return 1; }
    grep -Eq "second process .* (ended|failed)|the other process is gone" "$TEST_DIR/err" ||
      { echo "$mechanism: $(cat "$TEST_DIR/err")"; return 1; }
    [ -z "$(leftovers "$bench")" ]
  done
}

@test "help explains placement and the floor, and lists every mechanism" {
  run "$IPCDEMO" bench --help
  [ "$status" -eq 0 ]
  [[ "$output" == *"Placement often matters more than the mechanism"* ]]
  [[ "$output" == *"the floor"* ]]
  for mechanism in $ROUND_TRIPS $STREAMS $OBJECTS; do
    [[ "$output" == *"$mechanism"* ]] || { echo "missing $mechanism"; return 1; }
  done
}

@test "--size takes a list: each data-carrying mechanism runs at each size, the others once" {
  run --separate-stderr with_pid "$IPCDEMO" bench --quick --cpus any -r 1 --only pipe --size 1K,24,1K --json
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  echo "$output" >"$TEST_DIR/bench.json"
  check_json "$TEST_DIR/bench.json" >/dev/null
  # Sorted, each size once; the messages really are that big (the sample is only 24 bytes of it).
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["sizes"] == [24, 1024], d["sizes"]; assert [r["size"] for r in d["results"]] == [24, 1024], d["results"]' "$TEST_DIR/bench.json"
  run --separate-stderr "$IPCDEMO" bench --quick --cpus any -r 1 --only futex --size 24,1K --json
  [ "$status" -eq 0 ]
  python3 -c 'import json,sys; r=json.load(sys.stdin)["results"]; assert [x["size"] for x in r] == [None], r' <<<"$output"
  [ -z "$(leftovers)" ]
}

@test "a size a limit forbids is said in the table, not failed: a 64K queue message" {
  local max
  max=$(cat /proc/sys/fs/mqueue/msgsize_max)
  [ "$max" -lt 65536 ] || skip "msgsize_max is raised to $max here"
  run --separate-stderr "$IPCDEMO" -q bench --quick --cpus any -r 1 --only mq --size 24,64K
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  [[ "$output" == *"64 KiB messages"*"POSIX mq"*"not run"*"msgsize_max is $max"* ]] || { echo "$output"; return 1; }
  run --separate-stderr "$IPCDEMO" bench --quick --cpus any -r 1 --only mq --size 24,64K --json
  [ "$status" -eq 0 ]
  python3 -c '
import json, sys
d = json.load(sys.stdin)
assert [r["size"] for r in d["results"]] == [24], d["results"]
assert [(s["mechanism"], s["size"]) for s in d["skipped"]] == [("mq", 65536)], d["skipped"]
assert "msgsize_max" in d["skipped"][0]["reason"]' <<<"$output"
}

@test "the new transports pass their messages across, grouped by what they are built on" {
  run --separate-stderr with_pid "$IPCDEMO" -q bench --quick --cpus any -r 1 --size 100
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  local family
  for family in "spin: shared memory" "futex-based" "kernel objects" "pipe-based" "socket-based"; do
    [[ "$output" == *"  $family"* ]] || { echo "missing family $family"; return 1; }
  done
  [[ "$output" == *"Round trip (ping-pong of one message), 100 B messages"* ]]
  [[ "$output" == *"- Cheapest at 100 B "*"lowest latency "* ]] || { echo "$output"; return 1; }
  [ -z "$(leftovers)" ]
}

@test "TCP binds and connects to 127.0.0.1 only" {
  run --separate-stderr "$IPCDEMO" -v bench --quick --cpus any -r 1 --only tcp
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  # Narrated set-up: the listener's address, the address connected to.
  grep -E 'sys: bind\(.*inet_addr\("127\.0\.0\.1"\)' <<<"$stderr"
  grep -E 'sys: connect\(.*inet_addr\("127\.0\.0\.1"\)' <<<"$stderr"
  ! grep -E 'sys: (bind|connect)\(' <<<"$stderr" | grep -v '127\.0\.0\.1'
}

@test "Ctrl-C during a FIFO, signal or TCP measurement ends with 130 and leaves nothing" {
  for mechanism in fifo-stream signal tcp; do
    background "$IPCDEMO" bench --only "$mechanism" --cpus any -r 200 >/dev/null 2>"$TEST_DIR/err"
    local pid=$BG
    wait_for_process children_of "$pid" >/dev/null
    kill -INT "$pid"
    local status=0
    wait "$pid" || status=$?
    # A signal reply left pending must not kill it (it would end with 128 + SIGRTMIN's number).
    [ "$status" -eq 130 ] || { echo "$mechanism: status $status"; cat "$TEST_DIR/err"; return 1; }
    [ -z "$(leftovers "$pid")" ] || { echo "$mechanism: $(leftovers "$pid")"; return 1; }
  done
}

@test "bench TCP: a stranger who connects first is refused, and the run measures bench's own pair" {
  command -v strace >/dev/null && command -v ss >/dev/null || skip "needs strace and ss (iproute2)"
  ! ldd "$IPCDEMO" 2>/dev/null | grep -q 'lib[at]san' || skip "LeakSanitizer cannot run under ptrace"
  # bench's connect is held 1.5 s at its entry: time for the stranger to come first.
  strace -f -qq -o /dev/null -e trace=connect -e inject=connect:delay_enter=1500000 \
    "$IPCDEMO" bench --quick --only tcp --cpus any >"$TEST_DIR/out" 2>"$TEST_DIR/err" &
  local tracer=$! port="" i
  echo "$tracer" >>"$TEST_DIR/pids"
  # The port bench listens on, owned by an ipcdemo under this strace (bounded loop).
  for ((i = 0; i < 500; i++)); do
    port=$(ss -ltnpH src 127.0.0.1 2>/dev/null | awk -v parent="$tracer" '
      /users:\(\("ipcdemo"/ { match($0, /pid=[0-9]+/); pid = substr($0, RSTART + 4, RLENGTH - 4)
        getline ppid < ("/proc/" pid "/stat"); split(ppid, f, " ")
        if (f[4] == parent) { sub(/.*:/, "", $4); print $4 } }' | head -1)
    [ -n "$port" ] && break
    sleep 0.01
  done
  [ -n "$port" ] || { echo "bench never listened"; cat "$TEST_DIR/err"; return 1; }
  exec 6<>"/dev/tcp/127.0.0.1/$port" # the stranger
  wait_status "$tracer"
  exec 6>&-
  [ "$status" -eq 0 ] || { cat "$TEST_DIR/err"; return 1; }
  grep -q "TCP on 127.0.0.1 (127.0.0.1:$port): a connection from 127.0.0.1:[0-9]* is not bench's own client: closed" "$TEST_DIR/err"
  grep -q "tcp" "$TEST_DIR/out"
}
