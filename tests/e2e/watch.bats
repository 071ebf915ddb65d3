#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# ipcdemo watch: JSON lines when not on a terminal; on a real terminal (tmux) a
# full screen that marks changes, redraws on resize and gives the terminal back.
load ipc_helpers

tmux_format() { tmux -S "$TTY_SOCKET" display-message -p -t ipcdemo-test "$1"; }

@test "not on a terminal: one JSON line per frame, with values and holders" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  "$IPCDEMO" -q shm produce "$SHM" --count 7 --interval 0 >/dev/null
  "$IPCDEMO" sem create "$SEM" --value 2 >/dev/null
  background "$IPCDEMO" shm consume "$SHM" --interval 1h
  wait_until_blocked "$BG"
  run --separate-stderr "$IPCDEMO" watch "$PREFIX-*" --count 3 --interval 10ms
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  [ "${#lines[@]}" -eq 3 ]
  for line in "${lines[@]}"; do
    jq -e --arg s "$SHM" --arg m "$SEM" --argjson pid "$BG" '
      (.time | test("Z$")) and
      (.objects[] | select(.name == $s) | .counter == 7 and .size == 4096 and .holders == [$pid]) and
      (.objects[] | select(.name == $m) | .value == 2 and .waiters == 0)' <<<"$line" >/dev/null
  done
  # The consumer maps the segment and keeps its descriptor: one process, one holder.
  [ "$(who_rows "$SHM" "$BG")" -ge 2 ]
}

# How many rows `ipcdemo who` shows for NAME held by PID (each mapping and descriptor).
who_rows() {
  "$IPCDEMO" who --json "$1" 2>/dev/null |
    jq --arg n "$1" --argjson p "$2" '[.objects[] | select(.name == $n) | .holders[] | select(.pid == $p)] | length'
}

@test "not on a terminal: it ends quietly when the reader of its lines goes away" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  # Without --count it would run forever: only the closed pipe can end it (timeout bounds a hang).
  run timeout 60 bash -c '"$1" watch "$2" --interval 10ms | head -n 1 >/dev/null; echo "watch: ${PIPESTATUS[0]}"' \
    _ "$IPCDEMO" "$SHM"
  [ "$status" -eq 0 ]
  [ "$output" = "watch: 0" ]
}

@test "a link planted where a segment should be is listed with its problem, never read through" {
  # A file only root may read; its first 8 bytes would read as the counter 0x4847464544434241.
  printf 'ABCDEFGHIJ' >"$TEST_DIR/target"
  chmod 600 "$TEST_DIR/target"
  plant_symlink_as_nobody "$PREFIX-link" "$TEST_DIR/target"
  plant_fifo_as_nobody "$PREFIX-fifo"
  run --separate-stderr timeout -k 5 30 "$IPCDEMO" watch "$PREFIX-*" --count 1 --json
  [ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
  jq -e --arg l "/$PREFIX-link" --arg f "/$PREFIX-fifo" '
    (.objects[] | select(.name == $l) | .counter == null) and
    (.objects[] | select(.name == $f) | .counter == null)' <<<"$output" >/dev/null || { echo "$output"; return 1; }
}

@test "a bad interval is a usage error" {
  run --separate-stderr "$IPCDEMO" watch --interval 0 --count 1
  [ "$status" -eq 2 ]
}

@test "on a terminal: full screen, a change marked after a resize redraws it, Ctrl-C restores the terminal" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  tty_start bash --norc --noprofile
  tty_type "echo before-watch" Enter
  tty_wait_for "before-watch"
  # An hour between frames: only the resize below can bring the second frame.
  tty_type "$IPCDEMO watch '$PREFIX-*' --interval 1h; echo watch-ended=\$?" Enter
  tty_wait_for "counter 0"
  [ "$(tmux_format '#{alternate_on}')" = 1 ]
  [ "$(tmux_format '#{cursor_flag}')" = 0 ]
  tty_screen | grep -q "ipcdemo watch: every 1h"
  "$IPCDEMO" -q shm produce "$SHM" --count 5 --interval 0 >/dev/null
  tmux -S "$TTY_SOCKET" resize-window -t ipcdemo-test -x 120 -y 30
  tty_wait_for "counter 5"
  # The changed value is in reverse video (SGR 7) on the screen tmux holds.
  tmux -S "$TTY_SOCKET" capture-pane -p -e -t ipcdemo-test | grep -q $'\e\\[7mcounter 5'
  tty_type C-c
  tty_wait_for "watch-ended=130"
  [ "$(tmux_format '#{alternate_on}')" = 0 ]
  [ "$(tmux_format '#{cursor_flag}')" = 1 ]
  tty_screen | grep -q "before-watch"
}

@test "on a terminal: Ctrl-Z gives the shell its screen back, fg redraws; Ctrl-\\ restores it too (exit 131)" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  tty_start bash --norc --noprofile
  tty_type "echo before-watch" Enter
  tty_wait_for "before-watch"
  # (No "; echo" after it: bash would run that when the job stops.)
  tty_type "$IPCDEMO watch '$PREFIX-*' --interval 1h" Enter
  tty_wait_for "counter 0"
  [ "$(tmux_format '#{alternate_on}')" = 1 ]
  tty_type C-z
  tty_wait_for "Stopped"
  # The shell's own screen, with its cursor, while the job is stopped.
  [ "$(tmux_format '#{alternate_on}')" = 0 ]
  [ "$(tmux_format '#{cursor_flag}')" = 1 ]
  tty_screen | grep -q "before-watch"
  "$IPCDEMO" -q shm produce "$SHM" --count 3 --interval 0 >/dev/null
  tty_type "fg" Enter
  # Continued: full screen again, the whole frame drawn anew at once (not after the hour).
  tty_wait_for "counter 3"
  [ "$(tmux_format '#{alternate_on}')" = 1 ]
  [ "$(tmux_format '#{cursor_flag}')" = 0 ]
  tty_type 'C-\'
  tty_wait_for "ipcdemo: interrupted by SIGQUIT"
  tty_type 'echo "watch-ended=$?"' Enter
  tty_wait_for "watch-ended=131"
  [ "$(tmux_format '#{alternate_on}')" = 0 ]
  [ "$(tmux_format '#{cursor_flag}')" = 1 ]
}
