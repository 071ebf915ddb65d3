#!/usr/bin/env bash
# Start-up: a busybox-style tool is started thousands of times from scripts, so
# the release build of ipcdemo, running a trivial command, is compared with a
# plain C program making the same calls, side by side in one run, both pinned
# to CPU 0 (goal: within 1.2x):
#  - `ipcdemo mmap cat /etc/passwd` against bench/c/mmap_cat.c
#  - `ipcdemo sem post NAME` against bench/c/sem_post.c
source "$(dirname "$0")/lib.sh"
build_all
work=$WORK
name=/ipcdemo-bench-startup-$$
"$IPCDEMO" -q sem create "$name" --value 0 >/dev/null
at_exit "'$IPCDEMO' -q sem unlink '$name' 2>/dev/null"

echo "machine: $(machine)"
hyperfine -N --warmup 100 --runs 2000 --output=pipe --export-json "$work/startup.json" \
  -n c-mmap-cat "taskset -c 0 $TWINS/mmap_cat /etc/passwd" \
  -n ipcdemo-mmap-cat "taskset -c 0 $IPCDEMO mmap cat /etc/passwd" \
  -n c-sem-post "taskset -c 0 $TWINS/sem_post $name" \
  -n ipcdemo-sem-post "taskset -c 0 $IPCDEMO -q sem post $name"
echo "mmap cat: ipcdemo / C twin = $(ratio "$work/startup.json" ipcdemo-mmap-cat c-mmap-cat)x (goal: <= 1.2)"
echo "sem post: ipcdemo / C twin = $(ratio "$work/startup.json" ipcdemo-sem-post c-sem-post)x (goal: <= 1.2)"
