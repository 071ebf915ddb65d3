#!/usr/bin/env bats
# How an address space is prepared: mmap maps --exec shows a dynamically linked
# program right after execve (program, loader, stack, vdso) and as it exits
# (libc mapped), and every maps table comes with a legend.
load helpers

setup() { common_setup; }
teardown() { common_teardown; }

# The table of section $1 ("1." or "2.") in $output.
section() { awk -v start="$1" 'index($0, start) == 1 {on = 1; next} on && /^$/ {exit} on' <<<"$output"; }

@test "--exec: right after execve only the kernel's mappings, as it exits libc too" {
  local program
  program="$(readlink -f /bin/true)"
  ldd "$program" | grep -q libc.so || skip "/bin/true is not dynamically linked here"
  run --separate-stderr "$IPCDEMO" mmap maps --exec /bin/true
  [ "$status" -eq 0 ] || { echo "$output $stderr"; return 1; }
  local first second
  first="$(section "1.")"
  second="$(section "2.")"
  [[ "$first" == *"$program  <-- the program"* ]]
  [[ "$first" == *"ld-linux"*"<-- the loader (PT_INTERP), mapped by the kernel"* ]]
  [[ "$first" == *"[stack]"* && "$first" == *"[vdso]"* ]]
  [[ "$first" != *"libc.so"* ]]
  [[ "$second" == *"libc.so.6"* ]]
  [[ "$output" == *"Mapped since execve: "*"libc.so.6"* ]]
  [[ "$output" == *"(/bin/true ended with status 0.)"* ]]
}

@test "--exec: a program still running is shown, then killed; none is left behind" {
  local seconds="1000$$" # a command line no other process has
  run --separate-stderr "$IPCDEMO" mmap maps --exec "sleep $seconds"
  [ "$status" -eq 0 ]
  [[ "$output" == *"2. Still running after 3000 ms, stopped and then killed"* ]]
  [[ "$(section "2.")" == *"libc.so.6"* ]]
  ! pgrep -x -f "sleep $seconds"
}

@test "--exec: an unknown program is an error; --exec goes alone" {
  run --separate-stderr "$IPCDEMO" mmap maps --exec /nonexistent/program
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"execvp /nonexistent/program: No such file or directory"* ]]
  run --separate-stderr "$IPCDEMO" mmap maps --exec /bin/true --pid 1
  [ "$status" -eq 2 ]
}

@test "every maps table has a legend for p and s, and the copy-on-write note" {
  run --separate-stderr "$IPCDEMO" mmap maps
  [ "$status" -eq 0 ]
  [[ "$output" == *"p private: MAP_PRIVATE, writes go to a copy of the page that only this process sees"* ]]
  [[ "$output" == *"s shared:  MAP_SHARED, writes go to the file (or segment) and every process mapping it"* ]]
  [[ "$output" == *"A writable private file mapping is copy-on-write: rw-p /"* ]]
}

@test "--exec under --strace says a process has one tracer only" {
  command -v strace >/dev/null || skip "strace is not installed"
  # LeakSanitizer cannot run under ptrace (the asan build's leak check at exit would
  # abort the traced process), so it is off for this one run.
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    run --separate-stderr "$IPCDEMO" --strace mmap maps --exec /bin/true
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"ipcdemo: --exec: ipcdemo is being traced (--strace, or a debugger); a process has one tracer only"* ]]
}
