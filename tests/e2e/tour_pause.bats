#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# A tour a lecturer can drive: with --pause it stops after every step inside every
# scene (also with --scene), and at the moments that matter, typed at in a real
# terminal (tmux), going on at Enter; no screen between two stops holds more than
# the terminal has lines, and no line is wider than it.
load helpers

setup() { common_setup; }
teardown() {
  # Whatever this test's tour left: its objects carry the prefix on the screen.
  [ -z "${TTY_SOCKET:-}" ] || own_tour "$(tty_screen -S - 2>/dev/null | tour_prefix)"
  [ ! -f "$TEST_DIR/screen.log" ] || own_tour "$(tour_prefix <"$TEST_DIR/screen.log")"
  common_teardown
}

# Runs the tour in a terminal; the pane stays (cat) after it ends, to be read.
tour_in_tty() {
  tty_start sh -c '"$0" tour --pause "$@"; echo "tour exited with status $?"; exec cat' "$IPCDEMO" "$@"
}

# Runs `ipcdemo tour --pause ARGS` in a terminal of 80x24 whose output is also
# logged, byte for byte, in screen.log. The shell prints its PID and waits for the
# file go, so that the log misses nothing.
tour_in_80x24() {
  TTY_SOCKET="$TEST_DIR/tmux.sock"
  tmux -S "$TTY_SOCKET" -f /dev/null new-session -d -x 80 -y 24 -s ipcdemo-test -c "$TEST_DIR" \
    env -i HOME="$TEST_DIR" TERM=xterm PATH=/usr/bin:/bin sh -c \
    'until [ -e go ]; do sleep 0.01; done; echo "shell pid $$"; "$0" tour --pause "$@"; echo "tour exited with status $?"; exec cat' \
    "$IPCDEMO" "$@"
  tmux -S "$TTY_SOCKET" pipe-pane -t ipcdemo-test "cat >>'$TEST_DIR/screen.log'"
  touch "$TEST_DIR/go"
}

# The PID in "(LABEL is blocked: state S in /proc/PID/stat)" on the screen.
blocked_pid() { tty_screen | sed -n "s|.*($1 is blocked: state S in /proc/\([0-9]*\)/stat).*|\1|p" | tail -1; }

# The number of stops the log shows so far.
stops() { grep -c '\[Enter to ' "$TEST_DIR/screen.log" 2>/dev/null || true; }

# Presses Enter once at every stop until the tour has ended; sets $STOPS.
press_through() {
  local i pressed=0 seen
  for ((i = 0; i < 12000; i++)); do
    tty_screen | grep -q "tour exited with status" && break
    seen=$(stops)
    if [ "$seen" -gt "$pressed" ]; then
      pressed=$seen
      tty_type Enter
    fi
    sleep 0.01
  done
  STOPS=$pressed
  tty_wait_for "tour exited with status 0"
}

# Fails, showing it, when a screen of the log (what came after one stop, up to and
# with the next) has more than $1 lines, or a line is wider than $2 columns.
screens_fit() {
  LC_ALL=C.UTF-8 awk -v rows="$1" -v columns="$2" '
    { sub(/\r$/, ""); gsub(/\r/, "") }
    /^shell pid / { next } # the test shell`s, not the tour`s
    length($0) > columns { print "wider than " columns ": " $0; bad = 1 }
    { screen[++n] = $0 }
    /\[Enter to / {
      if (n > rows) { print "a screen of " n " lines:"; for (i = 1; i <= n; i++) print screen[i]; bad = 1 }
      n = 0
    }
    END { exit bad }' "$TEST_DIR/screen.log"
}

@test "--pause stops after every step inside a scene, also with --scene, each screen within 80x24" {
  tour_in_80x24 --scene race
  tty_wait_for "[Enter to continue]"
  # Stopped after the first step (the create): the tour waits for Enter in the
  # kernel, and the race that comes next has not started.
  local shell tour
  shell=$(sed -n 's/^shell pid \([0-9]*\).*/\1/p' "$TEST_DIR/screen.log" | head -1)
  tour=$(pgrep -P "$shell" -x ipcdemo)
  [ -n "$tour" ]
  wait_until_blocked "$tour"
  [ -z "$(pgrep -P "$tour")" ] || { echo "the tour runs a step while it waits: $(pgrep -a -P "$tour")"; return 1; }
  ! tty_screen | grep -q "for i in 1 2 3 4"
  press_through
  # Create, race, create, race, create, race: a stop after each but the last.
  [ "$STOPS" -ge 5 ] || { cat "$TEST_DIR/screen.log"; return 1; }
  # A stop between the racy table and the next narration.
  tr -d '\r' <"$TEST_DIR/screen.log" | grep -A1 '^  => counter .* lost (' | grep -q '^\[Enter to continue\]'
  screens_fit 24 80
}

@test "the whole tour with --pause in an 80x24 terminal: every screen fits, every scene stops inside" {
  tour_in_80x24
  press_through
  screens_fit 24 80
  # Every scene stops inside itself (between its heading and the next scene's).
  local scenes
  scenes=$("$IPCDEMO" tour --list-scenes | wc -l)
  [ "$(tr -d '\r' <"$TEST_DIR/screen.log" | awk '/^== Scene/ {if (seen) inside += (stops > 0); seen = 1; stops = 0} /\[Enter to continue\]/ {stops++} END {print inside + (stops > 0)}')" -eq "$scenes" ]
  grep -q "That was the tour" "$TEST_DIR/screen.log"
}

# Presses Enter at every stop until the screen shows "[Enter to $1]" (not pressed),
# or, with no $1, until the tour has ended. $PRESSED counts the stops answered.
PRESSED=0
advance_to() {
  local i seen screen
  for ((i = 0; i < 3000; i++)); do
    # One look at the screen for both questions: a stop that appears between two
    # looks would be pressed through before it was seen.
    screen=$(tty_screen -S -)
    if [ -n "$1" ]; then
      grep -qF "[Enter to $1]" <<<"$screen" && return 0
    else
      grep -q "tour exited with status" <<<"$screen" && return 0
    fi
    seen=$(grep -c '\[Enter to ' <<<"$screen" || true) # none yet, on a slow start
    if [ "$seen" -gt "$PRESSED" ]; then
      PRESSED=$seen
      tty_type Enter
    fi
    sleep 0.01
  done
  echo "never got to: ${1:-the end}"
  tty_screen -S -
  return 1
}

@test "--pause: the waiter is blocked until Enter posts the semaphore" {
  tour_in_tty --scene sem
  advance_to "post the semaphore and wake the waiter"
  local waiter
  waiter="$(blocked_pid waiter)"
  [ -n "$waiter" ]
  # Paused: the waiter is still asleep in the kernel, and nothing was posted.
  [ "$(awk '{print $3}' "/proc/$waiter/stat")" = S ]
  ! tty_screen | grep -qF "1 wait done"
  PRESSED=$((PRESSED + 1))
  tty_type Enter
  tty_wait_for "waiter | ipcdemo: info: semaphore"
  advance_to ""
  tty_wait_for "tour exited with status 0"
  # In the order things happened: the waiter woke inside the post (all the
  # history: the steps after it may have scrolled it off the screen).
  tty_screen -S - | grep -qE "waiter \| .*1 wait done"
}

@test "--pause: recv is blocked on the empty queue until Enter sends" {
  tour_in_tty --scene mq
  advance_to "send a sample to the empty queue"
  local receiver
  receiver="$(blocked_pid receiver)"
  [ -n "$receiver" ]
  [ "$(awk '{print $3}' "/proc/$receiver/stat")" = S ]
  ! tty_screen | grep -qF "receiver | value: 42"
  PRESSED=$((PRESSED + 1))
  tty_type Enter
  tty_wait_for "receiver | value: 42"
  advance_to ""
  tty_wait_for "tour exited with status 0"
}

@test "without a terminal on standard input --pause does not wait: closed, /dev/null or a silent pipe" {
  # A FIFO held open for reading and writing by this shell: nobody ever writes to it.
  mkfifo "$TEST_DIR/silent"
  exec 5<>"$TEST_DIR/silent"
  local input
  for input in "<&-" "</dev/null" "<&5"; do
    eval 'run --separate-stderr timeout 120 "$IPCDEMO" tour --scene sem --pause '"$input"
    [ "$status" -eq 0 ] || { echo "stdin $input: status $status: $output $stderr"; exec 5<&-; return 1; }
    [[ "$output" != *"[Enter to"* ]]
    [[ "$stderr" == *"--pause: standard input is not a terminal"* ]]
    own_tour "$(tour_prefix <<<"$output")"
  done
  exec 5<&-
  run --separate-stderr "$IPCDEMO" tour --scene sem
  [ "$status" -eq 0 ]
  [[ "$output" != *"[Enter to"* ]]
  [ -z "$stderr" ]
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
