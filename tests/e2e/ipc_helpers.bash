# Shared set-up for the tests of IPC objects (shm, sem): every object a test makes
# has a name unique to this run and test, background processes are recorded, and
# teardown removes both even when the test failed.
load helpers

# Once per file: the prefix of every object name of this run.
ipc_setup_file() {
  export IPC_RUN="ipcdemo-test-$$"
}

# After the file: nothing of ours may be left in /dev/shm.
ipc_teardown_file() {
  local left
  left="$(ls /dev/shm | grep -F "$IPC_RUN-" || true)"
  [ -z "$left" ] && return 0
  echo "left in /dev/shm: $left"
  rm -f /dev/shm/"$IPC_RUN"-* /dev/shm/sem."$IPC_RUN"-* # fail, but leave no litter
  return 1
}

ipc_setup() {
  common_setup
  PREFIX="$IPC_RUN-$BATS_TEST_NUMBER"
  SHM="/$PREFIX-shm"
  SEM="/$PREFIX-sem"
}

ipc_teardown() {
  local pid
  if [ -f "$TEST_DIR/pids" ]; then
    while read -r pid; do
      kill -KILL "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    done <"$TEST_DIR/pids"
  fi
  rm -f /dev/shm/"$PREFIX"-* /dev/shm/sem."$PREFIX"-*
  common_teardown
}

# Runs a command in the background and records its PID in $BG (and for teardown).
background() {
  "$@" &
  BG=$!
  echo "$BG" >>"$TEST_DIR/pids"
}

# Waits for background process $1 to end and sets $status to its exit status.
wait_status() {
  status=0
  wait "$1" || status=$?
}

# Waits, in a bounded loop, until process $1 is asleep in the kernel (state S) with a
# wait channel matching $2 (e.g. futex for sem_wait, nanosleep for an interval).
# Fails if the process ended or never got there.
wait_until_blocked() {
  local pid=$1 channel=$2 i state
  for ((i = 0; i < 1000; i++)); do
    state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" || { echo "process $pid ended"; return 1; }
    [ "$state" = S ] && grep -q "$channel" "/proc/$pid/wchan" 2>/dev/null && return 0
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
