#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# -v tells the screenplay's story: for each of its programs, the calls ipcdemo
# narrates at -v are the calls that program makes, in its order. The lists are
# written once, here, from the screenplay (../shared/screenplay). The tool's own
# checks (the check of a semaphore's mapped bytes, the fstat of what was opened, ...) wait
# for -vv; the clean-up at the end (close, munmap, sem_close, mq_close), which
# the screenplay's programs leave to exit, is set aside before comparing.
load helpers

setup() { common_setup; }
teardown() { common_teardown; }

# The screenplay's programs as ipcdemo commands, in the order of the lecture, and
# the calls each of its programs makes.
COMMANDS=(
  "mmap cat /etc/passwd"
  "shm create"
  "shm produce -c 1 -i 0"
  "shm consume -c 1 -i 0"
  "sem create"
  "sem wait"
  "sem post"
  "mq create"
  "mq send"
  "mq recv"
)
SCREENPLAY_CALLS=(
  "open fstat mmap close write"
  "shm_open ftruncate"
  "shm_open mmap"
  "shm_open mmap"
  "sem_open"
  "sem_open sem_wait"
  "sem_open sem_post"
  "mq_open"
  "mq_open mq_send"
  "mq_open mq_receive"
)

# Runs every command with LEVEL (-v or -vv), with the screenplay's default names,
# in a private IPC namespace with a private /dev/shm: the default names are
# nobody else's there. Command i's stderr goes to $TEST_DIR/LEVEL.i.
run_lecture() {
  local level=$1 script i
  script='set -e; mount -t tmpfs tmpfs /dev/shm; ipcdemo=$1; level=$2; out=$3; shift 3; i=0
    for command in "$@"; do
      # shellcheck disable=SC2086 # each command is words to split
      COLUMNS=80 "$ipcdemo" "$level" $command >/dev/null 2>"$out.$i"; i=$((i + 1))
    done'
  unshare --ipc --mount --propagation private true 2>/dev/null ||
    skip "needs private IPC and mount namespaces (unshare --ipc --mount)"
  unshare --ipc --mount --propagation private bash -c "$script" lecture "$IPCDEMO" "$level" \
    "$TEST_DIR/$level" "${COMMANDS[@]}"
}

# The names of the calls narrated in FILE (sys: and lib: lines), clean-up at the
# end set aside.
narrated_calls() {
  local calls
  read -r -a calls <<<"$(sed -nE 's/^(sys|lib): ([a-z_0-9]+)\(.*/\2/p' "$1" | tr '\n' ' ')"
  while [ ${#calls[@]} -gt 0 ]; do
    case "${calls[-1]}" in
      close | munmap | sem_close | mq_close) unset 'calls[-1]' ;;
      *) break ;;
    esac
  done
  echo "${calls[*]}"
}

@test "-v narrates exactly the calls of the screenplay's programs, in their order" {
  run_lecture -v
  local i failed=0
  for i in "${!COMMANDS[@]}"; do
    local got
    got=$(narrated_calls "$TEST_DIR/-v.$i")
    if [ "$got" != "${SCREENPLAY_CALLS[$i]}" ]; then
      echo "ipcdemo -v ${COMMANDS[$i]}: narrated '$got', the screenplay's program calls '${SCREENPLAY_CALLS[$i]}'"
      cat "$TEST_DIR/-v.$i"
      failed=1
    fi
  done
  [ "$failed" -eq 0 ]
}

@test "-v shows none of the tool's own checks; -vv marks them check:" {
  run_lecture -v
  ! grep -h '^check:' "$TEST_DIR"/-v.*
  ! grep -h 'sem\.meine-semaphore\|O_NONBLOCK\|fstat' "$TEST_DIR"/-v.[1-9]
  run_lecture -vv
  # sem wait (command 5): the bytes glibc mapped are checked before anything touches them.
  grep -q '^check: process_vm_readv(.*iov_len=32}\], 1, 0) = 32$' "$TEST_DIR/-vv.5"
  # shm consume (command 3): what shm_open really had, and the fstat of it.
  grep -q '^check: shm_open had O_RDONLY|O_NONBLOCK: ' "$TEST_DIR/-vv.3"
  grep -q '^check: fstat(' "$TEST_DIR/-vv.3"
  # The lesson's calls are still there, in the same order.
  [ "$(narrated_calls "$TEST_DIR/-vv.5")" = "sem_open sem_wait" ]
}

@test "every narrated call of the screenplay's commands fits an 80-column line" {
  run_lecture -v
  local wide
  wide=$(grep -hE '^(sys|lib): |^  # ' "$TEST_DIR"/-v.* | awk 'length($0) > 80')
  [ -z "$wide" ] || { echo "wider than 80 columns:"; echo "$wide"; return 1; }
  # And the lines carry no time or PID unless asked for.
  grep -qE '^lib: shm_open\("/mein-shared-dings", O_RDWR\|O_CREAT\|O_EXCL, 0600\) = [0-9]+$' "$TEST_DIR/-v.1"
}

@test "shm create narrates the moment of size 0 between shm_open and ftruncate" {
  run_lecture -v
  local create="$TEST_DIR/-v.1"
  [ "$(sed -n '2p' "$create")" = "  # the segment exists now, with size 0 until ftruncate sizes it;" ]
  grep -qE '^sys: ftruncate\([0-9]+, 4096\) = 0$' "$create"
}

@test "--log-time and IPCDEMO_LOG_TIME put the time and the PID before each line" {
  run --separate-stderr "$IPCDEMO" -v --log-time mmap cat /etc/hostname
  [ "$status" -eq 0 ]
  [[ "$stderr" =~ ^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}\ \[[0-9]+\]\ sys:\ open\(\"/etc/hostname\" ]]
  IPCDEMO_LOG_TIME=1 run --separate-stderr "$IPCDEMO" -v mmap cat /etc/hostname
  [[ "$stderr" =~ ^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}\ \[[0-9]+\]\ sys:\ open ]]
  run --separate-stderr "$IPCDEMO" -v mmap cat /etc/hostname
  [[ "$stderr" == "sys: open(\"/etc/hostname\", O_RDONLY) = "* ]]
}
