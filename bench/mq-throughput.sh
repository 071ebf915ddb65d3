#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One-way throughput: a sender and a receiver as separate processes, N samples
# through the default queue (10 x 24 bytes), output to /dev/null. Compares the
# ipcdemo pair with the C twins (bench/c/mq_send.c, bench/c/mq_recv.c) and the
# mixed pairs, side by side in one hyperfine run. Both processes are pinned to
# the same CPU with taskset, so that the figure does not depend on what else the
# other CPUs are doing; they then take turns, ten messages at a time.
#
# Usage: bench/mq-throughput.sh [IPCDEMO] [N] [CPU]
source "$(dirname "$0")/lib.sh"
use_ipcdemo "${1:-}"
ipcdemo=$IPCDEMO
n="${2:-200000}"
cpu="${3:-1}"
out=$WORK
q="/bench-tp-$$"
build_twins
make_queue "$q"

pair() { # sender receiver
  echo "taskset -c $cpu $1 & taskset -c $cpu $2 >/dev/null; wait"
}
c_send="$TWINS/mq_send $q $n"
c_recv="$TWINS/mq_recv $q $n"
i_send="$ipcdemo -q mq send $q --count $n"
i_recv="$ipcdemo mq recv $q --count $n"
hyperfine --warmup 1 --runs 10 --export-json "$out/tp.json" \
  -n "C send -> C recv (baseline)" "$(pair "$c_send" "$c_recv")" \
  -n "C send -> ipcdemo recv" "$(pair "$c_send" "$i_recv")" \
  -n "ipcdemo send -> C recv" "$(pair "$i_send" "$c_recv")" \
  -n "ipcdemo send -> ipcdemo recv" "$(pair "$i_send" "$i_recv")"
jq -r --argjson n "$n" '
  .results[0].median as $base
  | .results[] | "\(.command): \($n / .median | round) samples/s, \(.median / $base * 100 | round / 100)x the C baseline time"' \
  "$out/tp.json"
