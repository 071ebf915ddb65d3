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
  rm -f /dev/shm/"$PREFIX"-* /dev/shm/sem."$PREFIX"-*
  common_teardown
}
