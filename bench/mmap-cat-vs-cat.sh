#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `ipcdemo mmap cat` (default: write(2) from the mapping, one copy) and
# `ipcdemo mmap cat --zero-copy` (vmsplice(2), no copy) against GNU cat
# (read + write, two copies), side by side in one run:
#  1. throughput: a 1 GiB cached file through a pipe into `dd of=/dev/null bs=1M`
#     (a mapping written to /dev/null is never read, so /dev/null alone would
#     measure nothing). The writer is pinned to CPU 0, the reader to CPU 1.
#  2. a small file (/etc/passwd), whole process, output to a pipe.
# Goals: the default at least as fast as cat; --zero-copy at least 1.5x cat's
# throughput; the small file no slower than cat.
# usage: bench/mmap-cat-vs-cat.sh [SIZE_MIB]   (default 1024)
source "$(dirname "$0")/lib.sh"
build_all
size_mib=${1:-1024}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
big=$work/big
head -c "${size_mib}M" /dev/urandom >"$big"
cat "$big" >/dev/null # into the page cache

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(machine)"
echo "binary: $IPCDEMO ($(file -b "$IPCDEMO" | cut -d, -f1-2))"
reader="taskset -c 1 dd of=/dev/null bs=1M status=none"
echo "== ${size_mib} MiB through a pipe (writer on CPU 0, reader '$reader')"
hyperfine -N --warmup 2 --runs 10 --export-json "$work/pipe.json" \
  -n cat "bash -c 'taskset -c 0 cat $big | $reader'" \
  -n "mmap cat" "bash -c 'taskset -c 0 $IPCDEMO mmap cat $big | $reader'" \
  -n "mmap cat --zero-copy" "bash -c 'taskset -c 0 $IPCDEMO mmap cat --zero-copy $big | $reader'"
throughput() { python3 - "$work/pipe.json" "$1" "$size_mib" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}[sys.argv[2]]
print(f'{int(sys.argv[3]) * 2**20 / r["mean"] / 1e9:.2f} GB/s (mean {r["mean"]:.3f} s ± {r["stddev"]:.3f})')
PY
}
for name in cat "mmap cat" "mmap cat --zero-copy"; do echo "  $name: $(throughput "$name")"; done
echo "throughput of mmap cat / GNU cat: $(ratio "$work/pipe.json" cat "mmap cat")x (goal: >= 1)"
echo "throughput of mmap cat --zero-copy / GNU cat: $(ratio "$work/pipe.json" cat "mmap cat --zero-copy")x (goal: >= 1.5)"

echo "== whole process, /etc/passwd, output through a pipe"
hyperfine -N --warmup 50 --runs 1000 --output=pipe --export-json "$work/small.json" \
  -n cat "cat /etc/passwd" \
  -n "mmap cat" "$IPCDEMO mmap cat /etc/passwd"
echo "time of mmap cat / GNU cat: $(ratio "$work/small.json" "mmap cat" cat)x (goal: <= 1)"
