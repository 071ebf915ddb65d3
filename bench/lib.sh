# SPDX-License-Identifier: MIT
# Shared by every bench/*.sh script (source it first): the paths, the C twins,
# a scratch folder and queues that are removed however the script ends, and the
# statistics, written once.
#   IPCDEMO   the binary measured: $IPCDEMO, else build/release/src/ipcdemo
#   TWINS     the C twins of bench/c/*.c, compiled by build_twins
#   WORK      a scratch folder, removed at exit
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# IPCDEMO given: that binary is measured as it is (build_all builds only the twins).
IPCDEMO_GIVEN=${IPCDEMO:+yes}
IPCDEMO=${IPCDEMO:-$ROOT/build/release/src/ipcdemo}
TWINS=$ROOT/build/bench-c
WORK=$(mktemp -d)

# One EXIT trap for everything: at_exit adds a command to it (run last-added first).
BENCH_AT_EXIT=("rm -rf '$WORK'")
at_exit() { BENCH_AT_EXIT=("$1" "${BENCH_AT_EXIT[@]}"); }
run_at_exit() {
  local command
  for command in "${BENCH_AT_EXIT[@]}"; do eval "$command" || true; done
}
trap run_at_exit EXIT

# use_ipcdemo [PATH]: measure PATH (a script's optional first argument) if given.
use_ipcdemo() {
  [ -z "${1:-}" ] || IPCDEMO=$1
  IPCDEMO=$(realpath "$IPCDEMO")
  [ -x "$IPCDEMO" ] || { echo "no ipcdemo binary at $IPCDEMO (cmake --preset release && cmake --build --preset release)" >&2; exit 1; }
}

# The C twins, each bench/c/X.c as $TWINS/X (and bench/shm_twin.c as $TWINS/shm_twin).
build_twins() {
  mkdir -p "$TWINS"
  local source
  for source in "$ROOT"/bench/c/*.c "$ROOT"/bench/shm_twin.c; do
    cc -O2 -Wall -std=gnu11 -o "$TWINS/$(basename "$source" .c)" "$source" -pthread -lrt -lm
  done
}

# The release binary, the C twins and hyperfine.
build_all() {
  "$ROOT/scripts/install-deps"
  command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine >/dev/null
  if [ -z "$IPCDEMO_GIVEN" ]; then
    cmake --preset release >/dev/null
    cmake --build --preset release >/dev/null
  fi
  build_twins
}

# make_queue NAME [mq create options]: a new queue (--exclusive), unlinked at exit.
make_queue() {
  local name=$1
  shift
  "$IPCDEMO" -q mq create "$name" --exclusive "$@"
  at_exit "'$IPCDEMO' -q mq unlink '$name' 2>/dev/null"
}

# median [FILE...]: the median of the numbers (one a line) in FILEs or on stdin;
# the mean of the middle two when there is an even number of them.
median() {
  sort -g "$@" | awk '{v[NR] = $1} END {if (NR == 0) exit 1; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

# quantile Q [FILE...]: the nearest-rank Q-quantile (0 < Q <= 1; 0.99 for p99).
quantile() {
  local q=$1
  shift
  sort -g "$@" | awk -v q="$q" '{v[NR] = $1} END {if (NR == 0) exit 1; r = int(q * NR); if (r < q * NR) r++; if (r < 1) r = 1; print v[r]}'
}

# ratio JSON NAME_A NAME_B: mean time of A / mean time of B, from hyperfine's JSON.
ratio() {
  python3 - "$@" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
a, b = results[sys.argv[2]], results[sys.argv[3]]
print(f'{a["mean"] / b["mean"]:.2f}')
PY
}

machine() {
  echo "$(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), Linux $(uname -r)"
}
