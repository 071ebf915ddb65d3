#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# Running out of memory (ulimit -v, a cgroup) is not a bug in ipcdemo: a command
# that cannot allocate says "out of memory" and how to raise the limit, exit 1,
# never "internal error" (exit 70, which the README keeps for bugs).
load ipc_helpers

setup() {
  ipc_setup
  ! ldd "$IPCDEMO" 2>/dev/null | grep -q 'lib[at]san' || skip "a sanitizer runtime reserves more address space than any limit here"
  command -v prlimit >/dev/null || skip "prlimit (util-linux) not installed"
}


# Runs "ipcdemo ARGS" with its address space limited to $1 KiB; sets $rc and $err.
limited() {
  local kib=$1
  shift
  err=$(prlimit --as=$((kib * 1024)) "$IPCDEMO" "$@" 2>&1 >/dev/null) && rc=0 || rc=$?
}

# The smallest limit, in KiB, under which "ipcdemo ARGS" succeeds (bisection).
smallest_limit() {
  local low=1024 high=1048576 middle
  limited "$high" "$@"
  [ "$rc" -eq 0 ] || { echo "fails even with 1 GiB: $err" >&2; return 1; }
  while ((high - low > 16)); do
    middle=$(((low + high) / 2))
    limited "$middle" "$@"
    if [ "$rc" -eq 0 ]; then high=$middle; else low=$middle; fi
  done
  echo "$high"
}

# Just below that limit the program starts, and the command's own allocations
# fail: every run there must end as one of the outcomes the README documents.
sweep_below() {
  local smallest kib said=0
  smallest=$(smallest_limit "$@")
  for ((kib = smallest - 1024; kib < smallest; kib += 16)); do
    limited "$kib" "$@"
    [ "$rc" -eq 0 ] && continue
    # Before main: the loader cannot map a library, or a library's static
    # initialiser cannot allocate (std::terminate): not ipcdemo's code.
    [[ "$err" == *"error while loading shared libraries"* || "$err" == "terminate called"* ]] && continue
    [[ "$err" != *"internal error"* ]] || { echo "$kib KiB, ipcdemo $*: $err"; return 1; }
    if [[ "$err" == *"ipcdemo: out of memory; if a limit is set (ulimit -v, a cgroup's memory.max), raise it"* ]]; then
      [ "$rc" -eq 1 ] || { echo "$kib KiB: out of memory, but exit $rc"; return 1; }
      said=$((said + 1))
    fi
  done
  # The band below the smallest working limit is where ipcdemo itself runs out.
  [ "$said" -gt 0 ] || { echo "ipcdemo $*: no run in the KiB below $smallest said out of memory"; return 1; }
}

@test "out of memory is said as such, exit 1: ls --json --holders" {
  sweep_below ls --json --holders
}

@test "out of memory is said as such, exit 1: shm dump --json" {
  "$IPCDEMO" -q shm create "$SHM" --size 64K
  sweep_below shm dump "$SHM" --json
}
