#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
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

@test "--strace with --exec: the real strace of the same process comes between the two views" {
  command -v strace >/dev/null || skip "strace is not installed"
  ldd "$(readlink -f /bin/true)" | grep -q libc.so || skip "/bin/true is not dynamically linked here"
  run --separate-stderr "$IPCDEMO" --strace mmap maps --exec /bin/true
  [ "$status" -eq 0 ] || { echo "$output $stderr"; return 1; }
  # strace's own lines: the loader opening libc, and the exit held at its entry until
  # strace detached (at ipcdemo's request), after which it ran.
  [[ "$output" == *'openat(AT_FDCWD, "'*'libc.so.6", O_RDONLY|O_CLOEXEC) = '* ]]
  [[ "$output" == *$'\n  exit_group(0\n  strace: Process '*$' detached\n'* ]]
  [[ "$output" != *INJECTED* ]]
  # The same process: where strace saw libc's code mapped is a row of the second table.
  local code
  code="$(grep -E '^  mmap\(.*PROT_READ\|PROT_EXEC.*\) = 0x[0-9a-f]+$' <<<"$output" | head -1 | sed -E 's/.* = 0x//')"
  [ -n "$code" ]
  grep -E "^0*${code}-[0-9a-f]+ .* r-xp .*libc\.so\.6" <<<"$(section "2.")"
  # ...and it comes after the first view and before the second.
  [[ "$output" == *"1. Right after execve"*"as strace(1) shows it"*"libc.so.6"*"2. As it exits"* ]]
  [[ "$output" == *"(/bin/true ended with status 0.)"* ]]
}

@test "--exec: the program exits with its own status, with and without --strace" {
  ldd "$(readlink -f /bin/false)" | grep -q libc.so || skip "/bin/false is not dynamically linked here"
  run --separate-stderr "$IPCDEMO" mmap maps --exec /bin/false
  [ "$status" -eq 0 ] || { echo "$output $stderr"; return 1; }
  [[ "$output" == *"2. As it exits (PTRACE_O_TRACEEXIT)"* ]]
  [[ "$output" == *"(/bin/false ended with status 1.)"* ]]
  command -v strace >/dev/null || skip "strace is not installed"
  for program in /bin/false /bin/true; do
    run --separate-stderr "$IPCDEMO" --strace mmap maps --exec "$program"
    [ "$status" -eq 0 ] || { echo "$output $stderr"; return 1; }
    [[ "$(section "2.")" == *"libc.so.6"* ]] # its maps were read as it exited...
    # ...and it exited: neither killed (status 128 + signal) nor left stopped.
    local expected=1
    [ "$program" = /bin/true ] && expected=0
    [[ "$output" == *"($program ended with status $expected.)"* ]] || { echo "$output"; return 1; }
    [[ "$output" != *SIGSEGV* && "$output" != *"+++ killed by"* ]]
  done
}

@test "--strace with --exec: a program still running is stopped, shown, killed; none is left" {
  command -v strace >/dev/null || skip "strace is not installed"
  local seconds="2000$$" # a command line no other process has
  run --separate-stderr "$IPCDEMO" --strace mmap maps --exec "sleep $seconds"
  [ "$status" -eq 0 ] || { echo "$output $stderr"; return 1; }
  # Stopped under strace, shown, and killed once strace has let go of it.
  [[ "$output" == *"--- stopped by SIGSTOP ---"$'\n  strace: Process '*$' detached\n'* ]]
  [[ "$output" == *"2. Still running after 3000 ms, stopped and then killed"* ]]
  ! pgrep -x -f "sleep $seconds"
  local traced
  traced="$(sed -nE 's/^\(strace -e trace=.* -p ([0-9]+)\):$/\1/p' <<<"$output")"
  [ -n "$traced" ]
  ! pgrep -f "strace .* -p $traced\$" # strace ended with the program it followed
}

@test "--exec under an outside tracer says a process has one tracer only" {
  command -v strace >/dev/null || skip "strace is not installed"
  # LeakSanitizer cannot run under ptrace (the asan build's leak check at exit would
  # abort the traced process), so it is off for this one run.
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    run --separate-stderr strace -f -o /dev/null "$IPCDEMO" mmap maps --exec /bin/true
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"ipcdemo: --exec: ipcdemo is being traced (by strace -f, or a debugger); a process has one tracer only"* ]]
  [[ "$stderr" == *"ipcdemo --strace mmap maps --exec CMD"* ]]
}

@test "--exec: what the program started ends with it (its process group), with and without --strace" {
  local seconds="3000$$" # a command line no other process has
  printf 'sleep %s &\nexit 3\n' "$seconds" >"$TEST_DIR/starts-a-job.sh"
  local traced
  for traced in "" --strace; do
    [ -z "$traced" ] || command -v strace >/dev/null || continue
    # shellcheck disable=SC2086 # an empty $traced is no word
    run --separate-stderr "$IPCDEMO" $traced mmap maps --exec "sh $TEST_DIR/starts-a-job.sh"
    [ "$status" -eq 0 ] || { echo "$output $stderr"; return 1; }
    [[ "$output" == *"(sh ended with status 3.)"* ]] || { echo "$output"; return 1; }
    ! pgrep -f "sleep $seconds" || { echo "${traced:-plain}: the job outlived ipcdemo"; pkill -f "sleep $seconds"; return 1; }
  done
}
