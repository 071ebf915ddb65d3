# SPDX-License-Identifier: MIT
# Shared set-up for the end-to-end tests: they run the real binary, named by
# IPCDEMO_BIN (ctest sets it), and keep every file they make in a private folder.
bats_require_minimum_version 1.5.0

IPCDEMO="${IPCDEMO_BIN:?set IPCDEMO_BIN to the ipcdemo binary}"

common_setup() {
  TEST_DIR="$(mktemp -d "${BATS_TMPDIR:-/tmp}/ipcdemo-test.XXXXXX")"
  unset IPCDEMO_LOG_LEVEL NO_COLOR
}

# Ends what `background` started and a failed test left running, then removes the folder.
common_teardown() {
  local pid
  if [ -f "$TEST_DIR/pids" ]; then
    while read -r pid; do
      kill -KILL "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    done <"$TEST_DIR/pids"
  fi
  tty_stop
  remove_planted
  remove_own_tours
  rm -rf "$TEST_DIR"
}

# The guided tour names its objects ipcdemo-tour-PID-RANDOM-...: a test knows its
# own tour by that prefix and never judges, nor removes, another's.
# The first such prefix in standard input.
tour_prefix() { grep -oE 'ipcdemo-tour-[0-9]+-[0-9a-f]{8}' | head -1; }
# The names in /dev/shm that carry the prefix $1 (nothing when its tour cleaned up).
tour_objects() { ls -A /dev/shm | grep -F -- "$1" || true; }
# Records the prefix $1 of a tour this test started: teardown removes what it left.
own_tour() { [ -z "$1" ] || echo "$1" >>"$TEST_DIR/tours"; }
remove_own_tours() {
  local prefix name
  [ -f "$TEST_DIR/tours" ] || return 0
  while read -r prefix; do
    tour_objects "$prefix" | while read -r name; do rm -f -- "/dev/shm/$name"; done
  done <"$TEST_DIR/tours"
}

# scripts/with-mqueue DIR COMMAND...: COMMAND in a private mount namespace with the
# mqueue file system mounted on DIR (the one place that writes the unshare/mount idiom).
WITH_MQUEUE="$(cd "$BATS_TEST_DIRNAME/../.." && pwd)/scripts/with-mqueue"

# Skips the test, saying why, where a private mount namespace with the mqueue fs
# cannot be had: not root, or a container or chroot that forbids unshare -m or mount.
require_mount_namespace() {
  local why
  why=$("$WITH_MQUEUE" "$TEST_DIR/mqueue-probe" true 2>&1) ||
    skip "needs a private mount namespace with the mqueue fs (unshare -m, mount): ${why:-not allowed here}"
}

# Skips the test, saying why, when it needs root (to act as the user nobody, say).
require_root() {
  [ "$(id -u)" -eq 0 ] || skip "needs root (runs as uid $(id -u))"
}

# Links for every tool name, made by the binary itself.
install_links() {
  mkdir -p "$TEST_DIR/bin"
  "$IPCDEMO" --install "$TEST_DIR/bin" >/dev/null
}

# Runs a command in the background and records its PID in $BG (and for teardown).
# SIGINT is reset to its default: a non-interactive shell starts background jobs
# with it ignored, and ipcdemo keeps an inherited "ignore".
background() {
  env --default-signal=INT "$@" &
  BG=$!
  echo "$BG" >>"$TEST_DIR/pids"
}

# Runs a command in the background with its output in bg.out and bg.err in the
# test folder; the PID is in $LAST_PID (and $BG), and teardown ends it.
start() {
  background "$@" >"$TEST_DIR/bg.out" 2>"$TEST_DIR/bg.err"
  LAST_PID=$BG
}

# Prints the value of the field $1 in the "name: value" lines of $2.
field() { sed -n "s/^$1: //p" <<<"$2"; }

# Reads cases from stdin, one a line: ARGS|EXPECTED. `ipcdemo WORDS... ARGS` (ARGS
# split on spaces) must exit 2 with one line on stderr that contains EXPECTED.
assert_usage_errors() {
  local args expected
  while IFS='|' read -r args expected; do
    # ARGS unquoted: they are the words of the command line
    run --separate-stderr "$IPCDEMO" "$@" $args
    [ "$status" -eq 2 ] || { echo "$* $args: status $status"; return 1; }
    [ "${#stderr_lines[@]}" -eq 1 ] || { echo "$* $args: ${#stderr_lines[@]} lines: $stderr"; return 1; }
    [[ "$stderr" == *"$expected"* ]] || { echo "$* $args: got: $stderr"; return 1; }
  done
}

# Waits for background process $1 to end and sets $status to its exit status.
wait_status() {
  status=0
  wait "$1" || status=$?
}

# Waits, in a bounded loop, until process $1 is asleep in the kernel (state S), with
# a wait channel matching $2 if given (e.g. futex for sem_wait, nanosleep for an
# interval). Fails if the process ended or never got there.
wait_until_blocked() {
  local pid=$1 channel=${2:-} i state
  for ((i = 0; i < 1000; i++)); do
    state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" || { echo "process $pid ended"; return 1; }
    [ "$state" = Z ] && { echo "process $pid exited instead of blocking"; return 1; }
    [ "$state" = S ] && { [ -z "$channel" ] || grep -q "$channel" "/proc/$pid/wchan" 2>/dev/null; } && return 0
    sleep 0.01
  done
  echo "process $pid never blocked in $channel (state $state, wchan $(cat "/proc/$pid/wchan"))"
  return 1
}

# Waits, in a bounded loop, until file $1 has at least $2 lines.
wait_for_lines() {
  local file=$1 lines=$2 i
  for ((i = 0; i < 1000; i++)); do
    [ -f "$file" ] && [ "$(wc -l <"$file")" -ge "$lines" ] && return 0
    sleep 0.01
  done
  echo "$file never reached $lines lines"
  return 1
}

# Waits, in a bounded loop, until file $1 holds the text $2.
wait_for_text() {
  local file=$1 text=$2 i
  for ((i = 0; i < 1000; i++)); do
    grep -qF -- "$text" "$file" 2>/dev/null && return 0
    sleep 0.01
  done
  echo "$file never showed: $text"
  return 1
}

# Runs what follows as the user nobody: "${RUN_AS_NOBODY[@]}" command ...
RUN_AS_NOBODY=(setpriv --reuid=nobody --regid=nogroup --clear-groups)

# The path of a copy of the binary that the user nobody may run: the checkout
# may live where only root may enter (a home directory), the test folder may not.
nobody_ipcdemo() {
  local dir="$TEST_DIR/for-nobody"
  if [ ! -x "$dir/ipcdemo" ]; then
    mkdir -p "$dir"
    cp "$IPCDEMO" "$dir/ipcdemo"
    chmod 755 "$TEST_DIR" "$dir"
  fi
  echo "$dir/ipcdemo"
}

# Plants an empty file under /dev/shm as the user nobody, as a hostile neighbour
# would, and records it so that teardown removes it even when the test fails.
plant_as_nobody() {
  require_root
  printf '/dev/shm/%s\0' "$1" >>"$TEST_DIR/planted" # NUL-separated: a name may hold a newline
  "${RUN_AS_NOBODY[@]}" touch "/dev/shm/$1"
}

# Runs a command as the user nobody (a hostile neighbour, or an unprivileged user).
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }

# Plants, as nobody, something that is not a regular file under /dev/shm/$1, for
# teardown to remove: plant_fifo_as_nobody NAME, plant_dir_as_nobody NAME,
# plant_socket_as_nobody NAME, plant_symlink_as_nobody NAME TARGET.
record_planted() { printf '/dev/shm/%s\0' "$1" >>"$TEST_DIR/planted"; }
plant_fifo_as_nobody() { record_planted "$1" && as_nobody mkfifo "/dev/shm/$1"; }
plant_dir_as_nobody() { record_planted "$1" && as_nobody mkdir "/dev/shm/$1"; }
plant_symlink_as_nobody() { record_planted "$1" && as_nobody ln -s "$2" "/dev/shm/$1"; }
plant_socket_as_nobody() {
  record_planted "$1"
  as_nobody /usr/bin/python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "/dev/shm/$1"
}

# Plants, as nobody, a semaphore file /dev/shm/sem.$1 holding the bytes $2 (a
# printf format, e.g. '\x07\0\0\0...'), mode 0666 so that anyone may open it.
plant_sem_file_as_nobody() {
  record_planted "sem.$1"
  as_nobody bash -c 'umask 0; printf "$1" >"$2"' _ "$2" "/dev/shm/sem.$1"
}

# The 32 bytes glibc writes for a semaphore of value $1 (below 256), with the
# private field $2 (default 128, what glibc writes) as a printf format.
sem_bytes() {
  local value=${1:-0} private=${2:-128}
  printf '\\x%02x\\0\\0\\0\\0\\0\\0\\0' "$value"
  printf '\\x%02x\\x%02x\\x%02x\\x%02x' $((private & 255)) $(((private >> 8) & 255)) $(((private >> 16) & 255)) $(((private >> 24) & 255))
  printf '\\0%.0s' $(seq 20)
}

remove_planted() {
  local path
  [ -f "$TEST_DIR/planted" ] || return 0
  # rm -r: a planted directory; a symbolic link is removed, never followed.
  while IFS= read -r -d '' path; do rm -rf -- "$path"; done <"$TEST_DIR/planted"
}

# A real interactive shell in a pseudo-terminal: tmux on a private server socket,
# so that completion is tested by typing, as a person does.
tty_start() {
  TTY_SOCKET="$TEST_DIR/tmux.sock"
  tmux -S "$TTY_SOCKET" -f /dev/null new-session -d -x 220 -y 40 -s ipcdemo-test -c "$TEST_DIR" \
    env -i HOME="$TEST_DIR" TERM=xterm PATH="$TEST_DIR/bin:/usr/bin:/bin" "$@"
}
tty_type() { tmux -S "$TTY_SOCKET" send-keys -t ipcdemo-test "$@"; }
# The screen; with -S - also what scrolled off it.
tty_screen() { tmux -S "$TTY_SOCKET" capture-pane -p -t ipcdemo-test "$@"; }
tty_stop() { [ -z "${TTY_SOCKET:-}" ] || tmux -S "$TTY_SOCKET" kill-server 2>/dev/null || true; }

# Waits, in a bounded loop, until the screen shows the fixed string $1.
tty_wait_for() {
  local i
  for ((i = 0; i < 500; i++)); do
    tty_screen | grep -qF -- "$1" && return 0
    sleep 0.01
  done
  echo "the screen never showed: $1"
  tty_screen
  return 1
}

# tty_start SHELL ARGS..., then types the command line $1 into the shell and waits
# until it has run (it echoes a marker after it).
tty_shell() {
  local setup=$1
  shift
  tty_start "$@"
  tty_type "$setup; echo READY-'42'" Enter
  tty_wait_for "READY-42"
}

# A man page renders without a warning from man(1), at its width and at 80
# columns, and no line is wider than 80 characters (not bytes: a table's box is
# drawn in UTF-8 where the locale has it).
man_page_fits_80() {
  local page=$1 warnings lines
  warnings=$(man --warnings -l "$page" 2>&1 >/dev/null)
  [ -z "$warnings" ] || { echo "$page: $warnings"; return 1; }
  warnings=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
  [ -z "$warnings" ] || { echo "$page (MANWIDTH=80): $warnings"; return 1; }
  lines=$(MANWIDTH=80 man -l "$page" 2>/dev/null |
    python3 -c 'import sys; print("\n".join(l for l in sys.stdin.read().splitlines() if len(l) > 80))')
  [ -z "$lines" ] || { echo "$page: wider than 80 columns:"; echo "$lines"; return 1; }
}
