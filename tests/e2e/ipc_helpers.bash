# Shared set-up for the tests of IPC objects (shm, sem, mq): every object a test
# makes has a name unique to this run and test ($SHM, $SEM, $MQ), background
# processes are recorded, and teardown removes both even when the test failed.
load helpers

# Once per file: the prefix of every object name of this run.
ipc_setup_file() {
  export IPC_RUN="ipcdemo-test-$$"
}

# After the file: nothing of ours may be left in /dev/shm or among the queues.
ipc_teardown_file() {
  local left
  left="$(ls /dev/shm | grep -F "$IPC_RUN-" || true)"
  left+="$(list_queues | grep "^$IPC_RUN-" || true)"
  [ -z "$left" ] && return 0
  echo "left behind: $left"
  rm -f /dev/shm/"$IPC_RUN"-* /dev/shm/sem."$IPC_RUN"-* # fail, but leave no litter
  remove_queues "$IPC_RUN-"
  return 1
}

ipc_setup() {
  common_setup
  PREFIX="$IPC_RUN-$BATS_TEST_NUMBER"
  SHM="/$PREFIX-shm"
  SEM="/$PREFIX-sem"
  MQ="/$PREFIX-mq"
}

ipc_teardown() {
  rm -f /dev/shm/"$PREFIX"-* /dev/shm/sem."$PREFIX"-*
  remove_queues "$PREFIX-"
  common_teardown
}

# Runs a command in a private mount namespace with the mqueue file system mounted
# at the folder $1: how a test looks into the queues without touching the
# machine's mounts.
with_mqueue_at() {
  local dir=$1
  shift
  unshare -m sh -c 'mount -t mqueue none "$1" && shift && exec "$@"' _ "$dir" "$@"
}

# The names of the queues (without the slash), one a line. Queues have no
# directory of their own unless the mqueue file system is mounted: mount it
# privately. Prints nothing where that is not allowed.
list_queues() {
  local dir
  dir="$(mktemp -d)"
  with_mqueue_at "$dir" ls "$dir" 2>/dev/null || true
  rmdir "$dir"
}

# Unlinks every queue whose name starts with $1: removing a file in the mqueue
# file system is mq_unlink.
remove_queues() {
  local dir
  dir="$(mktemp -d)"
  with_mqueue_at "$dir" sh -c 'rm -f "$1/$2"*' _ "$dir" "$1" 2>/dev/null || true
  rmdir "$dir"
}
