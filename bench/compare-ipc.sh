#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `ipcdemo bench --only M` beside its C twin (bench/c/ipc_M.c, the same loop in
# plain C), mechanism by mechanism, in one run, pinned the same way (--cpus
# split, then same: the first one or two usable CPUs). The twin gets the batch
# size ipcdemo chose, and each pair runs alternately ROUNDS times; the ratio is
# the median of ipcdemo's figures over the median of the twin's, as a cost
# (time, or the inverse of a rate): above 1, ipcdemo is slower. Goal: <= 1.1.
# Mechanisms that carry data run at every size of SIZES (ipcdemo --size, the
# twin's SIZE argument); the others (futex, sem*, eventfd, signal) once. A size
# ipcdemo does not run (a limit, such as msgsize_max for 64K queue messages) is
# listed as not run, and its twin is not started.
# usage: bench/compare-ipc.sh [ROUNDS]   (default 3)
#        PLACEMENTS="split" MECHANISMS="sem mq" SIZES="24 1024" bench/compare-ipc.sh 5
source "$(dirname "$0")/lib.sh"
build_all
rounds=${1:-3}
placements=${PLACEMENTS:-split same}
mechanisms=${MECHANISMS:-shm-spin futex sem sem-spin sem-unnamed eventfd signal mq pipe fifo unix seqpacket tcp shm-ring mq-stream pipe-stream fifo-stream unix-stream seqpacket-stream tcp-stream sem-open-new sem-open-existing shm-create mq-open}
objects="sem-open-new sem-open-existing shm-create mq-open"
sizeless="futex sem sem-spin sem-unnamed eventfd signal"
sizes=${SIZES:-24 100 1024 65536}
reps=11
[ "$(nproc)" -lt 2 ] && placements=same

# field of the one result of an `ipcdemo bench --json` document on stdin
field() { python3 -c 'import json, sys; print(json.load(sys.stdin)["results"][0][sys.argv[1]])' "$1"; }
# why the one mechanism of an `ipcdemo bench --json` document was not run, or nothing
skipped() { python3 -c 'import json, sys; print(" ".join(s["reason"] for s in json.load(sys.stdin)["skipped"]))'; }
show() { # value unit
  python3 - "$1" "$2" <<'PY'
import sys
v, unit = float(sys.argv[1]), sys.argv[2]
if unit == "ns":
    for scale, name in ((1e9, "s"), (1e6, "ms"), (1e3, "us"), (1, "ns")):
        if v >= scale * 0.9995 or scale == 1: print(f"{v / scale:.3g} {name}"); break
else:
    suffix = "B/s" if unit == "bytes/s" else "/s"
    for scale, name in ((1e9, "G"), (1e6, "M"), (1e3, "k"), (1, "")):
        if v >= scale * 0.9995 or scale == 1: print(f"{v / scale:.3g} {name}{suffix}"); break
PY
}

# compare MECHANISM PLACEMENT SIZE ("-" for the one-process object costs, and for no size)
compare() {
  local mechanism=$1 placement=$2 size=$3 twin cpus=() sized=() ours=() theirs=() unit ops json why
  if [ "$placement" = - ]; then
    twin=("$TWINS/ipc_objects" "$mechanism")
  else
    twin=("$TWINS/ipc_${mechanism//-/_}" "$placement")
    cpus=(--cpus "$placement")
  fi
  [ "$size" = - ] || sized=(--size "$size")
  for ((round = 0; round < rounds; round++)); do
    json=$("$IPCDEMO" -q bench --only "$mechanism" "${cpus[@]}" "${sized[@]}" -r "$reps" --json)
    why=$(skipped <<<"$json")
    if [ -n "$why" ]; then
      printf '| %s | %s | %s | not run: %s | - | - |\n' "$mechanism" "$placement" "$size" "$why"
      return
    fi
    ours+=("$(field median <<<"$json")")
    unit=$(field unit <<<"$json")
    ops=$(field per_repetition <<<"$json")
    if [ "$placement" = - ]; then theirs+=("$("${twin[@]}" "$ops" "$reps" | awk '{print $1}')")
    else theirs+=("$("${twin[@]}" "$ops" "$reps" "${size/-/24}" | awk '{print $1}')"); fi
  done
  local a b ratio
  a=$(printf '%s\n' "${ours[@]}" | median)
  b=$(printf '%s\n' "${theirs[@]}" | median)
  if [ "$unit" = ns ]; then ratio=$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", a / b}')
  else ratio=$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", b / a}'); fi
  printf '| %s | %s | %s | %s | %s | %s |\n' "$mechanism" "$placement" "$size" "$(show "$a" "$unit")" \
    "$(show "$b" "$unit")" "$ratio"
}

echo "machine: $(machine)"
echo "ipcdemo: $IPCDEMO ($("$IPCDEMO" --version)); C twins: cc -O2, in $TWINS"
echo "median of $reps repetitions per run, $rounds alternating runs each; ratio = ipcdemo cost / C cost"
echo
echo "load before: $(uptime)"
echo
echo "| mechanism | cpus | size | ipcdemo bench | C twin | ratio |"
echo "|---|---|---|---|---|---|"
for placement in $placements; do
  for mechanism in $mechanisms; do
    [[ " $objects " == *" $mechanism "* ]] && continue
    if [[ " $sizeless " == *" $mechanism "* ]]; then
      compare "$mechanism" "$placement" -
    else
      for size in $sizes; do compare "$mechanism" "$placement" "$size"; done
    fi
  done
done
for mechanism in $mechanisms; do
  [[ " $objects " == *" $mechanism "* ]] && compare "$mechanism" - -
done
echo
echo "load after: $(uptime)"
true
