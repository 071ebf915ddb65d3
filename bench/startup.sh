#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Start-up: a busybox-style tool is started thousands of times from scripts, so
# the release build of ipcdemo running a short command is compared, side by side
# in one hyperfine run, all pinned to CPU 0, with
#  - busybox-static's cat (the goal: within 1.1x),
#  - the screenplay's mmap-cat program (bench/c/mmap_cat.c), linked dynamically
#    (the goal: no slower) and statically,
#  - C twins of the other two commands (bench/c/sem_post.c, shm_consume_once.c).
# Then, per command, the minor page faults and peak RSS from /usr/bin/time
# (medians of RUNS runs): goals, faults within 1.3x busybox's, RSS under 1.5 MiB.
# The RUNS timed runs of each command are made in ROUNDS hyperfine runs, the
# commands in a rotated order each round: a shared VM's speed drifts by several
# per cent over a minute, and rounds spread that drift over every command alike
# instead of charging it to whichever ran when the host was busy. Medians are of
# all the runs of a command; the spread of the per-round ratios is printed too.
# IPCDEMO_CANDIDATES="LABEL=PATH ..." measures other builds of ipcdemo in the
# same run, each as LABEL-mmap-cat, LABEL-sem-post and LABEL-shm-consume (how
# the package's hardened build was chosen: docs/startup.md).
# usage: bench/startup.sh [RUNS] [ROUNDS]   (default 1000 5)
source "$(dirname "$0")/lib.sh"
runs=${1:-1000}
rounds=${2:-5}
((rounds >= 1 && runs / rounds >= 2)) || { echo "usage: bench/startup.sh [RUNS] [ROUNDS]: RUNS must be at least twice ROUNDS" >&2; exit 2; }
build_all
command -v busybox >/dev/null && busybox --list | grep -qx cat ||
  apt-get install -y -qq busybox-static >/dev/null
work=$WORK
name=/ipcdemo-bench-startup-$$
"$IPCDEMO" -q sem create --exclusive "$name" --value 0 >/dev/null
at_exit "'$IPCDEMO' -q sem unlink '$name' 2>/dev/null"
"$IPCDEMO" -q shm create --exclusive "$name" >/dev/null
at_exit "'$IPCDEMO' -q shm unlink '$name' 2>/dev/null"
cc -O2 -static -o "$work/mmap_cat_static" "$ROOT/bench/c/mmap_cat.c"

declare -A commands=(
  [busybox-cat]="busybox cat /etc/passwd"
  [c-mmap-cat-dynamic]="$TWINS/mmap_cat /etc/passwd"
  [c-mmap-cat-static]="$work/mmap_cat_static /etc/passwd"
  [ipcdemo-mmap-cat]="$IPCDEMO mmap cat /etc/passwd"
  [c-sem-post]="$TWINS/sem_post $name"
  [ipcdemo-sem-post]="$IPCDEMO -q sem post $name"
  [c-shm-consume]="$TWINS/shm_consume_once $name"
  [ipcdemo-shm-consume]="$IPCDEMO shm consume $name -c 1 -i 0"
)
order=(busybox-cat c-mmap-cat-dynamic c-mmap-cat-static ipcdemo-mmap-cat
  c-sem-post ipcdemo-sem-post c-shm-consume ipcdemo-shm-consume)
for candidate in ${IPCDEMO_CANDIDATES:-}; do
  label=${candidate%%=*} binary=$(realpath "${candidate#*=}")
  [ -x "$binary" ] || { echo "bench/startup.sh: $candidate: no such binary" >&2; exit 2; }
  commands[$label-mmap-cat]="$binary mmap cat /etc/passwd"
  commands[$label-sem-post]="$binary -q sem post $name"
  commands[$label-shm-consume]="$binary shm consume $name -c 1 -i 0"
  order+=("$label-mmap-cat" "$label-sem-post" "$label-shm-consume")
done

echo "machine: $(machine); $(date -u '+%Y-%m-%d %H:%M UTC'); $runs runs each in $rounds rounds, pinned to CPU 0; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((round = 0; round < rounds; round++)); do
  arguments=()
  for ((i = 0; i < ${#order[@]}; i++)); do
    key=${order[$(((i + round) % ${#order[@]}))]}
    arguments+=(-n "$key" "${commands[$key]}")
  done
  # hyperfine itself is pinned: the commands inherit CPU 0, and no taskset start-up is timed.
  taskset -c 0 hyperfine -N --warmup 50 --runs $((runs / rounds)) --output=pipe \
    --export-json "$work/startup-$round.json" "${arguments[@]}" >/dev/null
done

# Faults and peak RSS: medians over a few hundred runs of /usr/bin/time each.
for key in "${order[@]}"; do
  for ((i = 0; i < 200; i++)); do
    # shellcheck disable=SC2086 # the command is words on purpose
    # (stderr too: shm consume narrates its one reading; /usr/bin/time writes to -o)
    taskset -c 0 /usr/bin/time -f '%R %M' -o "$work/time" ${commands[$key]} >/dev/null 2>&1
    echo "$key $(cat "$work/time")"
  done
done >"$work/faults.txt"

python3 - "$work/faults.txt" "$work"/startup-*.json <<'PY'
import json, statistics, sys
# Every run's time of each command, pooled over the rounds, and each round's medians.
times, round_medians = {}, []
for path in sys.argv[2:]:
    results = json.load(open(path))["results"]
    for r in results:
        times.setdefault(r["command"], []).extend(r["times"])
    round_medians.append({r["command"]: r["median"] for r in results})
faults, rss = {}, {}
for line in open(sys.argv[1]):
    key, f, m = line.split()
    faults.setdefault(key, []).append(int(f)); rss.setdefault(key, []).append(int(m))
order = list(faults)
median = lambda key: statistics.median(times[key])
print(f"{'command':28} {'median':>9} {'/busybox':>9} {'faults':>7} {'/busybox':>9} {'peak RSS':>10}")
for key in order:
    f, m = statistics.median(faults[key]), statistics.median(rss[key])
    print(f"{key:28} {median(key) * 1e6:7.0f}us {median(key) / median('busybox-cat'):8.2f}x "
          f"{f:7.0f} {f / statistics.median(faults['busybox-cat']):8.2f}x {m / 1024:7.2f} MiB")
print()
for ours, twin in [("ipcdemo-mmap-cat", "c-mmap-cat-dynamic"), ("ipcdemo-sem-post", "c-sem-post"),
                   ("ipcdemo-shm-consume", "c-shm-consume")]:
    print(f"{ours} / {twin}: {median(ours) / median(twin):.2f}x (goal: <= 1.0 against the dynamic C program)")
print()
print("per-round ratios to busybox cat (lowest to highest over the rounds):")
for key in order[1:]:
    ratios = sorted(m[key] / m["busybox-cat"] for m in round_medians)
    print(f"  {key:28} {ratios[0]:.2f}x to {ratios[-1]:.2f}x")
print()
print("load average after the run:", " ".join(open("/proc/loadavg").read().split()[:3]))
PY
