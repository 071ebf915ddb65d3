#!/usr/bin/env bash
# `ipcdemo mmap cat` against GNU cat, side by side in one run:
#  1. throughput: a 1 GiB cached file through a pipe (a mapping written to
#     /dev/null is never read, so /dev/null would measure nothing). The writer
#     is pinned to CPU 0, the reader (cat >/dev/null) to CPU 1.
#  2. a small file (/etc/passwd), whole process, against GNU cat (the start-up
#     comparison with a plain C twin is bench/startup.sh).
# usage: bench/mmap-cat.sh [SIZE_MIB]   (default 1024)
source "$(dirname "$0")/lib.sh"
build_all
size_mib=${1:-1024}
work=$WORK
big=$work/big
head -c "${size_mib}M" /dev/urandom >"$big"
cat "$big" >/dev/null # into the page cache

echo "machine: $(machine)"
echo "== ${size_mib} MiB through a pipe (writer on CPU 0, reader on CPU 1)"
hyperfine -N --warmup 2 --runs 10 --export-json "$work/pipe.json" \
  -n cat "bash -c 'taskset -c 0 cat $big | taskset -c 1 cat >/dev/null'" \
  -n ipcdemo "bash -c 'taskset -c 0 $IPCDEMO mmap cat $big | taskset -c 1 cat >/dev/null'"
echo "throughput of ipcdemo mmap cat / GNU cat: $(ratio "$work/pipe.json" cat ipcdemo)x"

echo "== whole process, /etc/passwd, output through a pipe"
hyperfine -N --warmup 50 --runs 1000 --output=pipe --export-json "$work/small.json" \
  -n cat "cat /etc/passwd" \
  -n ipcdemo "$IPCDEMO mmap cat /etc/passwd"
echo "time of ipcdemo / GNU cat: $(ratio "$work/small.json" ipcdemo cat)x (goal: <= 1)"
