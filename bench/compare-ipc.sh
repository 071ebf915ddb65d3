#!/usr/bin/env bash
# `ipcdemo bench --only M` beside its C twin (bench/c/ipc_M.c, the same loop in
# plain C), mechanism by mechanism, in one run, pinned the same way (--cpus
# split, then same: the first one or two usable CPUs). The twin gets the batch
# size ipcdemo chose, and each pair runs alternately ROUNDS times; the ratio is
# the median of ipcdemo's figures over the median of the twin's, as a cost
# (time, or the inverse of a rate): above 1, ipcdemo is slower. Goal: <= 1.1.
# usage: bench/compare-ipc.sh [ROUNDS]   (default 3)
#        PLACEMENTS="split" MECHANISMS="sem mq" bench/compare-ipc.sh 5
source "$(dirname "$0")/lib.sh"
build_all
rounds=${1:-3}
placements=${PLACEMENTS:-split same}
mechanisms=${MECHANISMS:-shm-spin sem sem-spin sem-unnamed mq pipe shm-ring mq-stream pipe-stream sem-open-new sem-open-existing shm-create mq-open}
objects="sem-open-new sem-open-existing shm-create mq-open"
reps=11
[ "$(nproc)" -lt 2 ] && placements=same

# field of the one result of an `ipcdemo bench --json` document on stdin
field() { python3 -c 'import json, sys; print(json.load(sys.stdin)["results"][0][sys.argv[1]])' "$1"; }
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

# compare MECHANISM PLACEMENT ("-" for the one-process object costs)
compare() {
  local mechanism=$1 placement=$2 twin cpus=() ours=() theirs=() unit ops
  if [ "$placement" = - ]; then
    twin=("$TWINS/ipc_objects" "$mechanism")
  else
    twin=("$TWINS/ipc_${mechanism//-/_}" "$placement")
    cpus=(--cpus "$placement")
  fi
  for ((round = 0; round < rounds; round++)); do
    json=$("$IPCDEMO" -q bench --only "$mechanism" "${cpus[@]}" -r "$reps" --json)
    ours+=("$(field median <<<"$json")")
    unit=$(field unit <<<"$json")
    ops=$(field per_repetition <<<"$json")
    theirs+=("$("${twin[@]}" "$ops" "$reps" | awk '{print $1}')")
  done
  local a b ratio
  a=$(printf '%s\n' "${ours[@]}" | median)
  b=$(printf '%s\n' "${theirs[@]}" | median)
  if [ "$unit" = ns ]; then ratio=$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", a / b}')
  else ratio=$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", b / a}'); fi
  printf '| %s | %s | %s | %s | %s |\n' "$mechanism" "$placement" "$(show "$a" "$unit")" "$(show "$b" "$unit")" "$ratio"
}

echo "machine: $(machine)"
echo "ipcdemo: $IPCDEMO ($("$IPCDEMO" --version)); C twins: cc -O2, in $TWINS"
echo "median of $reps repetitions per run, $rounds alternating runs each; ratio = ipcdemo cost / C cost"
echo
echo "| mechanism | cpus | ipcdemo bench | C twin | ratio |"
echo "|---|---|---|---|---|"
for placement in $placements; do
  for mechanism in $mechanisms; do
    [[ " $objects " == *" $mechanism "* ]] || compare "$mechanism" "$placement"
  done
done
for mechanism in $mechanisms; do
  [[ " $objects " == *" $mechanism "* ]] && compare "$mechanism" -
done
true
