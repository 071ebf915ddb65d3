#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ls and who at scale, side by side in one run (issue 13, point 8):
#  - `ipcdemo ls --type KIND` against `ls -l` of the same directory, with 10,000
#    segments, 10,000 semaphores and 1,000 queues (goal: at most 1.5x);
#  - `ipcdemo ls --type shm` with 1,000 / 10,000 / 50,000 segments (goal: linear);
#  - `ipcdemo who` over 500 processes that each map a segment (goal: under 1 s).
# Everything happens in namespaces of its own: a fresh tmpfs on /dev/shm in a
# private mount namespace, a private IPC namespace for the queues (whose
# queues_max can be raised there without touching the host's), and the mqueue fs
# mounted only in there. Nothing it makes outlives it, Ctrl-C included: the
# namespaces die with the script, and the processes it started are killed by PID.
# Needs root. usage: sudo bench/ls-scale.sh
source "$(dirname "$0")/lib.sh"
[ "$(id -u)" = 0 ] || { echo "ls-scale.sh: needs root (unshare, mount)" >&2; exit 1; }

if [ -z "${IPCDEMO_LS_SCALE_INSIDE:-}" ]; then
  [ -n "${IPCDEMO_LS_SCALE_NO_BUILD:-}" ] || build_all
  command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine >/dev/null
  # Not exec: lib.sh's EXIT trap removes this shell's scratch folder afterwards.
  status=0
  unshare --ipc --mount --propagation private env IPCDEMO_LS_SCALE_INSIDE=1 IPCDEMO="$IPCDEMO" bash "$0" "$@" ||
    status=$?
  exit "$status"
fi

# lib.sh's scratch folder, removed by its EXIT trap (a trap of our own would
# replace that one and leave the folder behind).
work=$WORK
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  umount -l "$work/mq" 2>/dev/null || true
  while grep -q " /dev/shm tmpfs .*ls-scale" /proc/self/mounts; do umount -l /dev/shm; done
}
at_exit cleanup
trap 'exit 130' INT TERM

# A fresh, empty /dev/shm for each measurement: only this script's objects are in it.
fresh_shm() {
  while grep -q " /dev/shm tmpfs .*ls-scale" /proc/self/mounts; do umount -l /dev/shm; done
  mount -t tmpfs -o mode=1777,size=4g,nr_inodes=200000 ls-scale /dev/shm
}

# names COUNT PREFIX: /dev/shm/PREFIX1 ... one per line
names() { seq -f "/dev/shm/$2%.0f" 1 "$1"; }

# time_pair LABEL A-NAME A-COMMAND B-NAME B-COMMAND: hyperfine both, print a table row.
time_pair() {
  local label=$1 json="$work/$1.json"
  # At least RUNS runs, more when they are fast (hyperfine's 3 s budget): a
  # loaded machine's outliers weigh less, and the median is what is compared.
  hyperfine -N --warmup "${WARMUP:-3}" --min-runs "${RUNS:-10}" --output=pipe --export-json "$json" \
    -n "$2" "$3" -n "$4" "$5" >/dev/null
  python3 - "$json" "$label" "$2" "$4" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
a, b = results[sys.argv[3]], results[sys.argv[4]]
cell = lambda r: f'{r["median"]*1000:.1f} ({r["mean"]*1000:.1f} ± {(r["stddev"] or 0)*1000:.1f}, {len(r["times"])} runs)'
print(f'| {sys.argv[2]} | {cell(a)} | {cell(b)} | {a["median"]/b["median"]:.2f} |')
PY
}

export LC_ALL=C # ls sorts bytewise then, as ipcdemo does: the faster, stricter baseline
echo "machine: $(machine), $(free -g | awk '/^Mem:/ {print $2}') GiB"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "binary: $IPCDEMO ($("$IPCDEMO" --version))"
echo
echo "| objects | ipcdemo ls: median ms (mean ± σ, runs) | ls -l: median ms (mean ± σ, runs) | ratio of medians |"
echo "|---|---|---|---|"

for count in 1000 10000 50000; do
  fresh_shm
  names "$count" bench-seg- | xargs truncate -s 4096
  time_pair "$count segments" ipcdemo "$IPCDEMO ls --type shm" ls "ls -l /dev/shm"
done

fresh_shm
"$IPCDEMO" -q sem create /bench-template --value 1 >/dev/null
mv /dev/shm/sem.bench-template "$work/sem-template"
names 10000 sem.bench-sem- >"$work/sem-names"
# glibc's semaphore file is 32 plain bytes: copies of a real one are real semaphores.
xargs -a "$work/sem-names" tee <"$work/sem-template" >/dev/null
time_pair "10000 semaphores" ipcdemo "$IPCDEMO ls --type sem" ls "ls -l /dev/shm"

mkdir -p "$work/mq"
mount -t mqueue ls-scale "$work/mq"
# queues_max is this IPC namespace's own (default 256); 1,000 queues of one
# 24-byte message are charged 120 bytes each, well inside RLIMIT_MSGQUEUE.
queues=1000
if ! echo 1024 >/proc/sys/fs/mqueue/queues_max 2>/dev/null; then
  queues=$(cat /proc/sys/fs/mqueue/queues_max)
  echo "(queues_max could not be raised here: $queues queues, its cap)"
fi
for i in $(seq 1 "$queues"); do "$IPCDEMO" -q mq create "/bench-q-$i" --maxmsg 1 >/dev/null; done
time_pair "$queues queues" ipcdemo "$IPCDEMO ls --type mq" ls "ls -l $work/mq"
# System calls do not move with the load: count them for the same listing.
if command -v strace >/dev/null; then
  syscalls() { strace -c -o "$work/strace.txt" "$@" >/dev/null && awk '$NF == "total" {print $4}' "$work/strace.txt"; }
  echo "(system calls for $queues queues: ipcdemo ls $(syscalls "$IPCDEMO" ls --type mq), ls -l $(syscalls ls -l "$work/mq"))"
fi
# The same columns as ls -l (no queue attributes: no open, mq_getattr, close per queue).
time_pair "$queues queues, ls -l's columns" ipcdemo "$IPCDEMO ls --type mq -o TYPE,NAME,MODE,OWNER,GROUP,MTIME" \
  ls "ls -l $work/mq"

echo
fresh_shm
for i in $(seq 1 500); do
  "$IPCDEMO" -q shm create "/bench-w-$i" >/dev/null
  "$IPCDEMO" -q shm consume "/bench-w-$i" --interval 1h >/dev/null &
  pids+=($!)
done
# Bounded wait until every consumer has mapped its segment.
for pid in "${pids[@]}"; do
  for ((try = 0; try < 500; try++)); do grep -q /dev/shm/ "/proc/$pid/maps" 2>/dev/null && break; sleep 0.01; done
done
shopt -s nullglob
all=(/proc/[0-9]*) # a glob, not ls: processes come and go meanwhile
processes=${#all[@]}
hyperfine -N --warmup "${WARMUP:-3}" --min-runs "${RUNS:-10}" --output=pipe --export-json "$work/who.json" \
  -n who "$IPCDEMO -q who" -n ls-holders "$IPCDEMO -q ls --holders --type shm" >/dev/null
held=$("$IPCDEMO" -qq who --json | python3 -c 'import json,sys; print(sum(len(o["holders"]) for o in json.load(sys.stdin)["objects"]))')
python3 - "$work/who.json" "$processes" "$held" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f'{r["command"]} over {sys.argv[2]} processes ({sys.argv[3]} holds found): median '
          f'{r["median"]*1000:.1f} ms, mean {r["mean"]*1000:.1f} ± {(r["stddev"] or 0)*1000:.1f} ms, '
          f'max {r["max"]*1000:.1f} ms, {len(r["times"])} runs (goal for who: < 1000 ms)')
PY
