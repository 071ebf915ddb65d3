#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One-way latency: a receiver blocked in mq_receive, a sender sending a sample
# every millisecond; latency = receive time - the sample's timestamp (both
# CLOCK_REALTIME), as `mq recv` prints it. Reports median and 99th percentile
# for the ipcdemo receiver and for the C twin, each fed by the ipcdemo sender,
# receiver and sender pinned to different CPUs (taskset).
#
# Usage: bench/mq-latency.sh [IPCDEMO] [N]
source "$(dirname "$0")/lib.sh"
use_ipcdemo "${1:-}"
ipcdemo=$IPCDEMO
n="${2:-2000}"
out=$WORK
q="/bench-lat-$$"
build_twins
make_queue "$q"

# Prints "median p99" in µs of the latency_ns values on standard input.
stats() {
  cat >"$out/latencies"
  awk -v m="$(median "$out/latencies")" -v p="$(quantile 0.99 "$out/latencies")" \
    'BEGIN { printf "median %.1f µs, p99 %.1f µs\n", m / 1000, p / 1000 }'
}

measure() { # receiver command printing JSON or text; returns latencies in ns
  taskset -c 1 "$@" >"$out/recv.out" &
  local receiver=$!
  # Bounded wait until the receiver blocks in mq_receive, then send.
  for ((i = 0; i < 1000; i++)); do
    [ "$(cat /proc/$receiver/wchan 2>/dev/null)" = wq_sleep ] && break
    sleep 0.01
  done
  taskset -c 0 "$ipcdemo" -q mq send "$q" --count "$n" --interval 1ms
  wait "$receiver"
}

measure "$ipcdemo" mq recv "$q" --count "$n" --json
echo "ipcdemo mq recv: $(jq -r .latency_ns "$out/recv.out" | stats)"
measure "$TWINS/mq_recv" "$q" "$n"
# The C twin prints human units; convert back to ns.
echo "C mq_recv:       $(sed -n 's/^latency: //p' "$out/recv.out" |
  awk '$2 == "ns" { print $1 } $2 == "µs" { print $1 * 1000 } $2 == "ms" { print $1 * 1e6 } $2 == "s" { print $1 * 1e9 }' | stats)"
