# SPDX-License-Identifier: MIT
# Shared set-up for the tests of IPC objects (shm, sem, mq): every object a test
# makes has a name unique to this run and test ($SHM, $SEM, $MQ), background
# processes are recorded, and teardown removes both even when the test failed.
# Loading it gives a file the four hooks below; a file that needs more defines its
# own setup or teardown, calling ipc_setup or ipc_teardown first or last.
load helpers

setup_file() { ipc_setup_file; }
teardown_file() { ipc_teardown_file; }
setup() { ipc_setup; }
teardown() { ipc_teardown; }

# The C program that exchanges samples with ipcdemo's queues (tests/interop).
INTEROP="${IPCDEMO_MQ_INTEROP:-$(dirname "$IPCDEMO")/../tests/interop/mq_interop}"

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
  rm -rf /dev/shm/"$IPC_RUN"-* /dev/shm/sem."$IPC_RUN"-* # fail, but leave no litter
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

# rm -r: a directory planted under the test's names goes too (a link is removed,
# never followed). $MQ is unlinked by name as well, which needs no mount namespace.
ipc_teardown() {
  rm -rf /dev/shm/"$PREFIX"-* /dev/shm/sem."$PREFIX"-*
  "$IPCDEMO" -q mq unlink "$MQ" 2>/dev/null || true
  remove_queues "$PREFIX-"
  common_teardown
}

# For a segment or semaphore NAME that does not exist: `ipcdemo GROUP ACTION NAME`
# exits 1 with GROUP_open's ENOENT and the hint to create it, for each ACTION,
# and `ipcdemo GROUP unlink NAME` exits 1 with GROUP_unlink's ENOENT.
assert_unknown() {
  local group=$1 name=$2 action
  shift 2
  for action in "$@"; do
    run --separate-stderr "$IPCDEMO" "$group" "$action" "$name"
    [ "$status" -eq 1 ] || { echo "$group $action: status $status"; return 1; }
    [ "$stderr" = "ipcdemo: ${group}_open $name: No such file or directory; create it first with: ipcdemo $group create $name" ] ||
      { echo "$group $action: $stderr"; return 1; }
  done
  run --separate-stderr "$IPCDEMO" "$group" unlink "$name"
  [ "$status" -eq 1 ]
  [[ "$stderr" == "ipcdemo: ${group}_unlink $name: No such file or directory; "* ]]
}

# The names of the queues (without the slash), one a line. Queues have no
# directory of their own unless the mqueue file system is mounted: mount it
# privately. Prints nothing where that is not allowed.
list_queues() {
  local dir
  dir="$(mktemp -d)"
  "$WITH_MQUEUE" "$dir" ls "$dir" 2>/dev/null || true
  rmdir "$dir"
}

# Unlinks every queue whose name starts with $1: removing a file in the mqueue
# file system is mq_unlink.
remove_queues() {
  local dir
  dir="$(mktemp -d)"
  "$WITH_MQUEUE" "$dir" sh -c 'rm -f "$1/$2"*' _ "$dir" "$1" 2>/dev/null || true
  rmdir "$dir"
}
