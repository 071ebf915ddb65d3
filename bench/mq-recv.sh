#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The receive path: `ipcdemo mq recv --count N >/dev/null` against its C twin
# (bench/c/mq_recv.c: the same mq_receive loop printing the same lines through
# stdio), on a queue filled with N samples before each run (hyperfine --prepare,
# not timed). Runs in a private IPC namespace (unshare --ipc, needs root) so that
# msg_max can be raised to N without touching the host; RLIMIT_MSGQUEUE
# (819200 bytes by default, 120 bytes per 24-byte message) caps N at about 6800.
# Both receivers are pinned to one CPU with taskset. The figure that matters is
# the ratio, measured side by side in one run.
#
# Usage: bench/mq-recv.sh [IPCDEMO] [N] [CPU]
#   IPCDEMO defaults to build/release/src/ipcdemo (cmake --preset release).
source "$(dirname "$0")/lib.sh"
use_ipcdemo "${1:-}"
n="${2:-6000}"
cpu="${3:-1}"
build_twins

# Not exec'd: lib.sh's exit trap removes $WORK when the namespace is gone.
unshare --ipc bash -s "$IPCDEMO" "$n" "$cpu" "$WORK" "$TWINS" <<'INNER'
set -euo pipefail
ipcdemo=$1 n=$2 cpu=$3 out=$4 twins=$5
echo "$n" >/proc/sys/fs/mqueue/msg_max
"$ipcdemo" -q mq create /bench-recv --maxmsg "$n" --exclusive
hyperfine -N --warmup 3 --runs 40 --export-json "$out/recv.json" \
  --prepare "$twins/mq_send /bench-recv $n" \
  -n "C mq_recv (baseline)" "taskset -c $cpu $twins/mq_recv /bench-recv $n" \
  -n "ipcdemo mq recv" "taskset -c $cpu $ipcdemo mq recv /bench-recv --count $n" \
  -n "ipcdemo mq recv --json" "taskset -c $cpu $ipcdemo mq recv /bench-recv --count $n --json"
"$ipcdemo" -q mq unlink /bench-recv
jq -r --argjson n "$n" '
  .results[0].median as $base
  | .results[] | "\(.command): median \(.median * 1000 | . * 100 | round / 100) ms, \($n / .median | round) samples/s, \(.median / $base * 100 | round / 100)x the C baseline"' \
  "$out/recv.json"
INNER
