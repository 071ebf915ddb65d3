#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# A tour a lecturer can drive: with --pause it stops inside scenes at the moments
# that matter, typed at in a real terminal (tmux), and goes on at Enter.
load helpers

setup() { common_setup; }
teardown() {
  # Whatever this test's tour left: its objects carry the prefix on the screen.
  [ -z "${TTY_SOCKET:-}" ] || own_tour "$(tty_screen -S - 2>/dev/null | tour_prefix)"
  common_teardown
}

# Runs the tour in a terminal; the pane stays (cat) after it ends, to be read.
tour_in_tty() {
  tty_start sh -c '"$0" tour --pause "$@"; echo "tour exited with status $?"; exec cat' "$IPCDEMO" "$@"
}

# The PID in "(LABEL is blocked: state S in /proc/PID/stat)" on the screen.
blocked_pid() { tty_screen | sed -n "s|.*($1 is blocked: state S in /proc/\([0-9]*\)/stat).*|\1|p" | tail -1; }

@test "--pause: the waiter is blocked until Enter posts the semaphore" {
  tour_in_tty --scene sem
  tty_wait_for "[Enter to post the semaphore and wake the waiter]"
  local waiter
  waiter="$(blocked_pid waiter)"
  [ -n "$waiter" ]
  # Paused: the waiter is still asleep in the kernel, and nothing was posted.
  [ "$(awk '{print $3}' "/proc/$waiter/stat")" = S ]
  ! tty_screen | grep -qF "1 wait done"
  tty_type Enter
  tty_wait_for "waiter | ipcdemo: info: semaphore"
  tty_wait_for "tour exited with status 0"
  # In the order things happened: the waiter woke inside the post.
  tty_screen | grep -qE "waiter \| .*1 wait done"
}

@test "--pause: recv is blocked on the empty queue until Enter sends" {
  tour_in_tty --scene mq
  tty_wait_for "[Enter to send a sample to the empty queue]"
  local receiver
  receiver="$(blocked_pid receiver)"
  [ -n "$receiver" ]
  [ "$(awk '{print $3}' "/proc/$receiver/stat")" = S ]
  ! tty_screen | grep -qF "receiver | value: 42"
  tty_type Enter
  tty_wait_for "receiver | value: 42"
  tty_wait_for "tour exited with status 0"
}

@test "without --pause the same scenes run through; standard input closed lets a paused tour run on" {
  run --separate-stderr "$IPCDEMO" tour --scene sem --pause </dev/null
  [ "$status" -eq 0 ] || { echo "$output $stderr"; return 1; }
  [[ "$output" == *"[Enter to post the semaphore and wake the waiter]"* ]]
  run --separate-stderr "$IPCDEMO" tour --scene sem
  [ "$status" -eq 0 ]
  [[ "$output" != *"[Enter to"* ]]
}

@test "the read scene names the copy path and the zero-copy path" {
  run --separate-stderr "$IPCDEMO" tour --scene read
  [ "$status" -eq 0 ]
  [[ "$output" == *"read(0, "* ]]
  [[ "$output" == *"the zero-copy path"* ]]
  [[ "$output" == *"vmsplice("* ]]
  if "$IPCDEMO" mmap cat --help | grep -q -- --zero-copy; then
    [[ "$output" == *"the copy path"*'$ ipcdemo -v mmap cat /etc/passwd'*"write("* ]]
    [[ "$output" == *'$ ipcdemo -v mmap cat --zero-copy /etc/passwd'* ]]
  fi
}
