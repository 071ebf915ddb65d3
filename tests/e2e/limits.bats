#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# ipcdemo limits: every limit with its source, and the bytes charged to
# RLIMIT_MSGQUEUE exactly as the kernel charges them (the kernel is the judge).
load helpers

setup() { common_setup; }
teardown() { common_teardown; }

@test "every limit is listed with where it comes from and how to raise it" {
  run --separate-stderr "$IPCDEMO" limits --json
  [ "$status" -eq 0 ]
  for resource in "mq queues_max" "mq msg_max" "mq msgsize_max" "mq msg_default" "mq msgsize_default" \
    RLIMIT_MSGQUEUE "/dev/shm size" SEM_VALUE_MAX SEM_NSEMS_MAX RLIMIT_NOFILE; do
    jq -e --arg r "$resource" 'map(select(.resource == $r and (.from | length) > 0 and (.raise | length) > 0)) | length == 1' \
      <<<"$output" >/dev/null || { echo "missing: $resource"; return 1; }
  done
  [ "$(jq -r '.[] | select(.resource == "mq queues_max") | .limit' <<<"$output")" = "$(cat /proc/sys/fs/mqueue/queues_max)" ]
  [ "$(jq -r '.[] | select(.resource == "SEM_VALUE_MAX") | .limit' <<<"$output")" = "$(getconf SEM_VALUE_MAX)" ]
  [ "$(jq -r '.[] | select(.resource == "RLIMIT_NOFILE") | .limit' <<<"$output")" = "$(ulimit -n)" ]
  run --separate-stderr "$IPCDEMO" limits
  [[ "${lines[0]}" =~ ^RESOURCE\ +LIMIT\ +USED\ +USE%\ +DESCRIPTION$ ]]
  [[ "$output" == *"from: /proc/sys/fs/mqueue/queues_max"* ]]
}

@test "queue use is counted in a fresh IPC namespace, and RLIMIT_MSGQUEUE's bytes are what the kernel charges" {
  local bin uid=54321
  bin="$(nobody_ipcdemo)"
  mkdir -p "$TEST_DIR/mq"
  # A namespace of our own: no other queue counts; a uid of our own: no other queue is charged to it.
  run unshare --ipc --mount sh -c '
    mount -t mqueue none "$1" || exit 99
    exec setpriv --reuid="$2" --regid="$2" --clear-groups sh -c "
      \"$3\" -q mq create /a --maxmsg 5 --msgsize 100 || exit 98
      \"$3\" limits --json || exit 97
      # The charge of /b (1 x 1 byte) is 1 x (48 + 1) + 48 = 97: one byte less must fail, exactly must do.
      used=\$(\"$3\" limits --json | jq \".[] | select(.resource == \\\"RLIMIT_MSGQUEUE\\\") | .used\")
      prlimit --msgqueue=\$((used + 96)) \"$3\" -q mq create /b --maxmsg 1 --msgsize 1 2>/dev/null && exit 96
      prlimit --msgqueue=\$((used + 97)) \"$3\" -q mq create /b --maxmsg 1 --msgsize 1 || exit 95
      exit 0"' _ "$TEST_DIR/mq" "$uid" "$bin"
  [ "$status" -eq 0 ] || { echo "$output"; return 1; }
  local json="${output}"
  [ "$(jq '.[] | select(.resource == "mq queues_max") | .used' <<<"$json")" = 1 ]
  [ "$(jq '.[] | select(.resource == "mq msg_max") | .used' <<<"$json")" = 5 ]
  [ "$(jq '.[] | select(.resource == "mq msgsize_max") | .used' <<<"$json")" = 100 ]
  # 5 x (48 + 100) + 5 x 48
  [ "$(jq '.[] | select(.resource == "RLIMIT_MSGQUEUE") | .used' <<<"$json")" = 980 ]
}

@test "a ceiling per queue is not a shortage: a queue at msg_max shows no USE%, and every line fits 80 columns" {
  local maxmsg
  maxmsg=$(cat /proc/sys/fs/mqueue/msg_max)
  # A namespace of our own, with one queue as large as msg_max allows.
  unshare --ipc true 2>/dev/null || skip "needs a private IPC namespace (unshare --ipc)"
  run unshare --ipc sh -c '"$1" -q mq create /ceiling --maxmsg "$2" && "$1" limits' _ "$IPCDEMO" "$maxmsg"
  [ "$status" -eq 0 ] || { echo "$output"; return 1; }
  grep -qE "^mq msg_max +$maxmsg +$maxmsg +-( |\$)" <<<"$output" || { echo "$output"; return 1; }
  # (the notes are wrapped: read them as one text)
  [[ "$(tr -s ' \n' '  ' <<<"$output")" == *"the largest maxmsg of a queue (a ceiling per queue)"* ]]
  # Pools that objects fill still have their share: one queue of queues_max.
  grep -qE "^mq queues_max +[0-9]+ +1 +[0-9]+%" <<<"$output"
  local wide
  wide=$(awk 'length($0) > 80' <<<"$output")
  [ -z "$wide" ] || { echo "wider than 80 columns:"; echo "$wide"; return 1; }
}
