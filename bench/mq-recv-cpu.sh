#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The receive path with a large N: the CPU time (user + system, from
# /usr/bin/time) of `ipcdemo mq recv --count N >/dev/null` against its C twin,
# while the C sender (bench/c/mq_send.c) feeds the default queue (10 x 24 bytes)
# concurrently. Unlike bench/mq-recv.sh, N is not capped by RLIMIT_MSGQUEUE, so
# start-up weighs little. Sender and receiver are pinned to the same CPU
# (taskset), runs alternate between the two receivers, and the medians are
# compared as a ratio.
#
# Usage: bench/mq-recv-cpu.sh [IPCDEMO] [N] [RUNS] [CPU]
source "$(dirname "$0")/lib.sh"
use_ipcdemo "${1:-}"
ipcdemo=$IPCDEMO
n="${2:-200000}"
runs="${3:-9}"
cpu="${4:-1}"
out=$WORK
q="/bench-cpu-$$"
build_twins
make_queue "$q"

# Appends the receiver's CPU seconds (user + system) to $1.
run() {
  local file=$1
  shift
  taskset -c "$cpu" "$TWINS/mq_send" "$q" "$n" &
  local sender=$!
  /usr/bin/time -f "%U %S" -o "$out/time" taskset -c "$cpu" "$@" >/dev/null
  wait "$sender"
  awk '{ print $1 + $2 }' "$out/time" >>"$file"
}

for ((i = 0; i < runs; i++)); do
  run "$out/c" "$TWINS/mq_recv" "$q" "$n"
  run "$out/ipcdemo" "$ipcdemo" mq recv "$q" --count "$n"
done
c="$(median "$out/c")"
i="$(median "$out/ipcdemo")"
awk -v c="$c" -v i="$i" -v n="$n" 'BEGIN {
  printf "C mq_recv (baseline): %.3f s CPU for %d samples (%.0f ns each)\n", c, n, c / n * 1e9
  printf "ipcdemo mq recv:      %.3f s CPU for %d samples (%.0f ns each), %.2fx the C baseline\n", i, n, i / n * 1e9, i / c
}'
