#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Speed of `shm produce --interval 0` for each --sync, and peak memory of
# `shm consume`, each against a baseline measured in the same run:
#   - produce: bench/shm_twin.c, the same loop in plain C (the ratio is ipcdemo's overhead);
#   - consume: the C twin's and /bin/true's peak RSS.
# Everything runs pinned to one CPU (taskset -c $CPU, default 1) so that the
# figures do not depend on where the scheduler puts the process.
#
# Usage: bench/shm-produce.sh [IPCDEMO]   (default build/release/src/ipcdemo)
# Environment: COUNT (increments per run, default 20000000), RUNS (default 5), CPU.
# Needs: hyperfine, jq, GNU time (/usr/bin/time), a C compiler.
source "$(dirname "$0")/lib.sh"
use_ipcdemo "${1:-}"
bin=$IPCDEMO
count="${COUNT:-20000000}"
runs="${RUNS:-5}"
cpu="${CPU:-1}"
work=$WORK
name="/ipcdemo-bench-$$"
lock="$name-lock"

build_twins
# --exclusive: a name planted before this run is refused, not used and then removed.
"$bin" -q shm create --exclusive "$name" >/dev/null
at_exit "rm -f '/dev/shm${name}' '/dev/shm/sem.${lock#/}' '/dev/shm/sem.twin-${lock#/}'"

echo "## shm produce --interval 0 >/dev/null, $count increments, pinned to CPU $cpu"
echo
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; kernel $(uname -r);" \
  "$(ldd --version | head -1 | sed 's/^ldd //'); $("$bin" --version)"
echo
echo "| --sync | ipcdemo | C twin | ipcdemo / twin time |"
echo "|---|---|---|---|"
for sync in racy atomic sem; do
  taskset -c "$cpu" hyperfine -N --style none --warmup 1 --runs "$runs" --export-json "$work/$sync.json" \
    "$bin -q shm produce $name --interval 0 --count $count --sync $sync --widen 0 --lock $lock" \
    "$TWINS/shm_twin produce $name $count $sync /twin-${lock#/}" >/dev/null
  jq -r --arg sync "$sync" --argjson n "$count" '
    .results as $r
    | def rate(i): ($n / $r[i].mean / 1e6 * 100 | round / 100 | tostring) + " M/s (±" + ($r[i].stddev / $r[i].mean * 100 | round | tostring) + "%)";
    "| \($sync) | \(rate(0)) | \(rate(1)) | \($r[0].mean / $r[1].mean * 100 | round / 100) |"' "$work/$sync.json"
done

peak_kib() { /usr/bin/time -v "$@" 2>&1 >/dev/null | sed -n 's/^\s*Maximum resident set size (kbytes): //p'; }
echo
echo "## Peak resident memory (GNU time -v), consume of 1000000 values >/dev/null"
echo
echo "| program | peak RSS |"
echo "|---|---|"
echo "| ipcdemo shm consume --count 1000000 --interval 0 | $(peak_kib taskset -c "$cpu" "$bin" shm consume "$name" --count 1000000 --interval 0) KiB |"
echo "| C twin consume | $(peak_kib taskset -c "$cpu" "$TWINS/shm_twin" consume "$name" 1000000) KiB |"
echo "| taskset /bin/true (floor) | $(peak_kib taskset -c "$cpu" /bin/true) KiB |"
