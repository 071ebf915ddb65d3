#!/usr/bin/env bats
# The guided tour runs start to end, shows real command lines and output, and
# leaves nothing behind, also when interrupted.
load helpers

setup() { common_setup; }
teardown() {
  # Whatever a failed test left: the tour's objects carry its PID in their names.
  rm -f /dev/shm/ipcdemo-tour-* /dev/shm/sem.ipcdemo-tour-*
  common_teardown
}

leftovers() { ls /dev/shm | grep -c '^\(sem\.\)\?ipcdemo-tour-' || true; }

@test "the tour runs every scene and exits 0" {
  run --separate-stderr "$IPCDEMO" tour
  [ "$status" -eq 0 ] || { echo "$output $stderr"; return 1; }
  local scenes
  scenes=$("$IPCDEMO" tour --list-scenes | wc -l)
  [ "$(grep -c '^== Scene' <<<"$output")" -eq "$scenes" ]
  [[ "$output" == *'$ ipcdemo -v mmap cat - < /etc/passwd'* ]]
  [[ "$output" == *"read(0, "* ]]
  [[ "$output" == *"mmap(NULL, "*"PROT_READ, MAP_PRIVATE"* ]]
  [[ "$output" == *"<-- --anon"* ]]
  [ "$(leftovers)" -eq 0 ]
}

@test "--scene runs one scene; an unknown scene is a usage error" {
  run --separate-stderr "$IPCDEMO" tour --scene maps
  [ "$status" -eq 0 ]
  [ "$(grep -c '^== Scene' <<<"$output")" -eq 1 ]
  run --separate-stderr "$IPCDEMO" tour --scene nosuch
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"no scene 'nosuch'"* ]]
}

@test "--list-scenes names the scenes in the screenplay's order" {
  run "$IPCDEMO" tour --list-scenes
  [ "$status" -eq 0 ]
  [[ "${lines[0]}" == "read "* ]]
  [[ "${lines[1]}" == "maps "* ]]
}
