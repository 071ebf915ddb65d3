#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# No raw control character reaches a terminal or a table (issue 9, item 3): names
# planted by another user, message text and program names are shown with C0 and
# C1 controls, DEL, bidi overrides and invalid UTF-8 escaped; JSON stays valid
# UTF-8 and gives the exact bytes back (surrogateescape).
load ipc_helpers

# Plants an empty file in /dev/shm as another user would (as nobody when we are root).
plant() {
  if [ "$(id -u)" -eq 0 ]; then
    plant_as_nobody "$1"
  else
    touch "/dev/shm/$1"
  fi
}

# Fails when $1 holds a byte a terminal acts on: C0 controls but newline (the
# lines themselves), DEL, a raw C1 byte, or the UTF-8 of a C1 control or of a bidi
# override, isolate or separator.
no_terminal_controls() {
  local bad
  bad="$(LC_ALL=C grep -naP '[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xa8-\xae]|\xe2\x81[\xa6-\xa9]|(?<![\xc2-\xf4])[\x80-\xbf]|[\xc0-\xff](?![\x80-\xbf])' <<<"$1" || true)"
  [ -z "$bad" ] || { echo "raw controls in: $bad" | cat -v; return 1; }
}

@test "ls shows planted names escaped, and a newline in a name cannot forge a row" {
  plant "$PREFIX-a"$'\e]0;pwned\a\e[2J\nshm  forged-row'
  plant "$PREFIX-b"$'\xe2\x80\xaetxt.exe'
  plant "$PREFIX-c"$'\x9b31m\xc2\x9b\x7f\xff'
  run --separate-stderr "$IPCDEMO" ls --type shm
  [ "$status" -eq 0 ]
  no_terminal_controls "$output"
  [ "$(grep -c -- "$PREFIX" <<<"$output")" -eq 3 ]
  ! grep -q '^shm  forged-row' <<<"$output"
  [[ "$output" == *"/$PREFIX-a\\e]0;pwned\\a\\e[2J\\nshm  forged-row "* ]]
  [[ "$output" == *"/$PREFIX-b\\u202etxt.exe "* ]]
  [[ "$output" == *"/$PREFIX-c\\x9b31m\\u009b\\x7f\\xff "* ]]
}

@test "ls --json is valid UTF-8 whatever the bytes, and gives every name back exactly" {
  plant "$PREFIX-a"$'\e[2J\nx'
  plant "$PREFIX-b"$'\xff\xfe\x9b\xe2\x80\xae\xed\xa0\x80'
  plant "$PREFIX-c-Grüße"
  "$IPCDEMO" ls --type shm --json >"$TEST_DIR/ls.json"
  run python3 - "$TEST_DIR/ls.json" "$PREFIX" <<'PY'
import json, os, sys
raw = open(sys.argv[1], "rb").read()
rows = json.loads(raw.decode("utf-8"))  # strict: fails on any byte that is not UTF-8
prefix = "/" + sys.argv[2]
shown = {r["name"].encode("utf-8", "surrogateescape") for r in rows if r["name"].startswith(prefix)}
real = {b"/" + f for f in os.listdir(b"/dev/shm") if f.startswith(prefix[1:].encode())}
assert shown == real, (shown, real)
assert len(real) == 3
for r in rows:
    if r["name"].startswith(prefix):
        assert r["path"].encode("utf-8", "surrogateescape") == b"/dev/shm" + r["name"].encode("utf-8", "surrogateescape")
PY
  [ "$status" -eq 0 ] || { echo "$output"; return 1; }
  grep -qF '\udcff\udcfe\udc9b\u202e\udced\udca0\udc80' "$TEST_DIR/ls.json"
  grep -qF '\u001b[2J\nx' "$TEST_DIR/ls.json"
}

@test "path: lines, info, log lines and error messages show a name's controls escaped" {
  local name="/$PREFIX-"$'\e[31mred\e[0m\xe2\x80\xae'
  run --separate-stderr "$IPCDEMO" shm create "$name"
  [ "$status" -eq 0 ]
  no_terminal_controls "$output$stderr"
  [ "${lines[0]}" = "path: /dev/shm/$PREFIX-\\e[31mred\\e[0m\\u202e" ]
  run --separate-stderr "$IPCDEMO" shm create "$name" # warns: already existed
  no_terminal_controls "$stderr"
  [[ "$stderr" == *"/$PREFIX-\\e[31mred\\e[0m\\u202e already existed"* ]]
  run --separate-stderr "$IPCDEMO" -v shm info "$name"
  [ "$status" -eq 0 ]
  no_terminal_controls "$output$stderr"
  [ "${lines[0]}" = "path: /dev/shm/$PREFIX-\\e[31mred\\e[0m\\u202e" ]
  [[ "$stderr" == *"shm_open(\"/$PREFIX-\\e[31mred"* ]] # narration quotes it C-style
  run --separate-stderr "$IPCDEMO" sem create "$name"
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "path: /dev/shm/sem.$PREFIX-\\e[31mred\\e[0m\\u202e" ]
  run --separate-stderr "$IPCDEMO" shm info "/$PREFIX-missing"$'\e[2J\n'
  [ "$status" -eq 1 ]
  no_terminal_controls "$stderr"
  [ "${#stderr_lines[@]}" -eq 1 ]
  [[ "$stderr" == "ipcdemo: shm_open /$PREFIX-missing\\e[2J\\n: No such file or directory"* ]]
  run --separate-stderr "$IPCDEMO" shm unlink "$name"
  [ "$status" -eq 0 ]
  no_terminal_controls "$stderr"
  "$IPCDEMO" -q sem unlink "$name"
}

@test "mq recv and mq info show a message's and a queue's controls escaped" {
  "$IPCDEMO" -q mq create "$MQ" --msgsize 64
  "$IPCDEMO" -q mq send "$MQ" --text $'a\xc2\x9b2J\xe2\x80\xaeb\nc'
  run --separate-stderr "$IPCDEMO" mq recv "$MQ"
  [ "$status" -eq 0 ]
  no_terminal_controls "$output"
  [[ "$output" == *'text: "a\u009b2J\u202eb\nc"'* ]]
  local queue="/$PREFIX-"$'\e[1mq'
  "$IPCDEMO" -q mq create "$queue"
  run --separate-stderr "$IPCDEMO" mq info "$queue"
  "$IPCDEMO" -q mq unlink "$queue"
  [ "$status" -eq 0 ]
  no_terminal_controls "$output$stderr"
  [ "${lines[0]}" = "name: /$PREFIX-\\e[1mq" ]
}

@test "a program name and a mapped file's path are shown escaped" {
  local link="$TEST_DIR/x"$'\e[2J\xe2\x80\xae'
  ln -s "$(readlink -f "$IPCDEMO")" "$link"
  run -127 --separate-stderr "$link"
  no_terminal_controls "$stderr"
  [[ "$stderr" == "ipcdemo: 'x\\e[2J\\u202e' is not an ipcdemo tool name"* ]]
  local file="$TEST_DIR/f"$'\e[31m\x9b'
  echo data >"$file"
  run --separate-stderr "$IPCDEMO" mmap maps --file "$file"
  [ "$status" -eq 0 ]
  no_terminal_controls "$output"
  [[ "$output" == *"/f\\e[31m\\x9b  <-- --file $TEST_DIR/f\\e[31m\\x9b (file-backed)"* ]]
}

@test "an unexpected argument and a bad IPCDEMO_LOG_LEVEL are shown escaped" {
  run -2 --separate-stderr "$IPCDEMO" shm info --bogus$'\e[2J'
  no_terminal_controls "$stderr"
  [[ "$stderr" == "ipcdemo: shm info: unknown option '--bogus\\e[2J'"* ]]
  IPCDEMO_LOG_LEVEL=$'\e]0;x\a' run --separate-stderr "$IPCDEMO" --version
  [ "$status" -eq 0 ]
  no_terminal_controls "$stderr"
  [ "$stderr" = "ipcdemo: warning: IPCDEMO_LOG_LEVEL=\\e]0;x\\a is not a level (trace, debug, info, warn, error, off); using info" ]
}
