#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# Dispatch, tool names, help, global options, exit codes.
load helpers

setup() { common_setup; }
teardown() { common_teardown; }

@test "--list prints every GROUP-ACTION tool name and no top-level command" {
  run --separate-stderr "$IPCDEMO" --list
  [ "$status" -eq 0 ]
  [[ "$output" == *"mmap-cat"* ]]
  [[ "$output" == *"mmap-maps"* ]]
  while read -r name; do
    [[ "$name" =~ ^[a-z]+-[a-z]+$ ]] || { echo "bad tool name: $name"; return 1; }
  done <<<"$output"
  ! grep -qx 'ls' <<<"$output"
}

@test "--install creates a link per tool name, pointing at the binary" {
  run "$IPCDEMO" --install "$TEST_DIR"
  [ "$status" -eq 0 ]
  for name in $("$IPCDEMO" --list); do
    [ -L "$TEST_DIR/$name" ]
    [ "$(readlink "$TEST_DIR/$name")" = "$(readlink -f "$IPCDEMO")" ]
    [[ "$output" == *"created $TEST_DIR/$name"* ]]
  done
  [ "$(ls "$TEST_DIR" | wc -l)" -eq "$("$IPCDEMO" --list | wc -l)" ]
}

@test "--install is idempotent and leaves foreign files alone" {
  "$IPCDEMO" --install "$TEST_DIR" >/dev/null
  echo "precious" >"$TEST_DIR/mmap-maps.tmp"
  rm "$TEST_DIR/mmap-maps" && mv "$TEST_DIR/mmap-maps.tmp" "$TEST_DIR/mmap-maps"
  run --separate-stderr "$IPCDEMO" --install "$TEST_DIR"
  [ "$status" -eq 1 ]
  [[ "$output" == *"unchanged $TEST_DIR/mmap-cat"* ]]
  [[ "$stderr" == *"mmap-maps: exists and is a regular file, not a link to this ipcdemo"*"; left alone"* ]]
  [ "$(cat "$TEST_DIR/mmap-maps")" = "precious" ]
}

@test "--install replaces only links to this very binary, never a link to another program" {
  mkdir -p "$TEST_DIR/other" "$TEST_DIR/bin"
  cp "$IPCDEMO" "$TEST_DIR/other/ipcdemo" # another ipcdemo binary: someone else's
  ln -s /bin/true "$TEST_DIR/bin/mmap-cat"
  ln -s "$TEST_DIR/other/ipcdemo" "$TEST_DIR/bin/shm-info"
  ln -s "$TEST_DIR/gone/ipcdemo" "$TEST_DIR/bin/sem-value" # dangling
  ln -s "$(readlink -f "$IPCDEMO")" "$TEST_DIR/bin/mq-info"
  run --separate-stderr "$IPCDEMO" --install "$TEST_DIR/bin"
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"bin/mmap-cat: exists and is a link to /bin/true, not a link to this ipcdemo"* ]]
  [[ "$stderr" == *"bin/shm-info: exists and is a link to $TEST_DIR/other/ipcdemo, not a link"* ]]
  [[ "$stderr" == *"bin/sem-value: exists and is a link to $TEST_DIR/gone/ipcdemo, which does not resolve"* ]]
  [[ "$output" == *"unchanged $TEST_DIR/bin/mq-info"* ]]
  [[ "$output" == *"created $TEST_DIR/bin/shm-create"* ]]
  [ "$(readlink "$TEST_DIR/bin/mmap-cat")" = /bin/true ]
  [ "$(readlink "$TEST_DIR/bin/shm-info")" = "$TEST_DIR/other/ipcdemo" ]
  [ "$(readlink "$TEST_DIR/bin/sem-value")" = "$TEST_DIR/gone/ipcdemo" ]
}

@test "--install knows a relative link to itself, as cmake --install makes them" {
  mkdir -p "$TEST_DIR/bin"
  cp "$IPCDEMO" "$TEST_DIR/bin/ipcdemo"
  ln -s ipcdemo "$TEST_DIR/bin/mmap-cat"
  run --separate-stderr "$TEST_DIR/bin/ipcdemo" --install "$TEST_DIR/bin"
  [ "$status" -eq 0 ]
  [[ "$output" == *"unchanged $TEST_DIR/bin/mmap-cat -> ipcdemo"* ]]
  [ "$(readlink "$TEST_DIR/bin/mmap-cat")" = ipcdemo ]
}

@test "a binary renamed to ipcdemo-something still runs as ipcdemo" {
  echo renamed >"$TEST_DIR/file"
  for name in ipcdemo.static ipcdemo-1.2 ipcdemo_debug; do
    cp "$IPCDEMO" "$TEST_DIR/$name"
    run --separate-stderr "$TEST_DIR/$name" mmap cat "$TEST_DIR/file"
    [ "$status" -eq 0 ] || { echo "$name: status $status: $stderr"; return 1; }
    [ "$output" = renamed ]
    run --separate-stderr "$TEST_DIR/$name" --version
    [[ "$output" =~ ^ipcdemo\ [0-9] ]]
  done
  # git's form still names a tool, and a misspelt one is not found.
  ln -s "$(readlink -f "$IPCDEMO")" "$TEST_DIR/ipcdemo-mmap-cat"
  [ "$("$TEST_DIR/ipcdemo-mmap-cat" "$TEST_DIR/file")" = renamed ]
  ln -s "$(readlink -f "$IPCDEMO")" "$TEST_DIR/ipcdemo-shm-frob"
  run -127 --separate-stderr "$TEST_DIR/ipcdemo-shm-frob"
  [[ "$stderr" == "ipcdemo: 'ipcdemo-shm-frob' is not an ipcdemo tool name"* ]]
}

@test "--install into a missing directory fails with a hint" {
  run --separate-stderr "$IPCDEMO" --install "$TEST_DIR/missing"
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"mkdir -p $TEST_DIR/missing"* ]]
}

@test "a tool link runs its command with the remaining arguments" {
  install_links
  echo "through a link" >"$TEST_DIR/file"
  run --separate-stderr "$TEST_DIR/bin/mmap-cat" "$TEST_DIR/file"
  [ "$status" -eq 0 ]
  [ "$output" = "through a link" ]
}

@test "the ipcdemo- prefix works like git's git-foo" {
  ln -s "$(readlink -f "$IPCDEMO")" "$TEST_DIR/ipcdemo-mmap-cat"
  echo "prefixed" >"$TEST_DIR/file"
  run --separate-stderr "$TEST_DIR/ipcdemo-mmap-cat" "$TEST_DIR/file"
  [ "$status" -eq 0 ]
  [ "$output" = "prefixed" ]
}

@test "an unknown tool name exits 127, says so in one line and suggests the close one" {
  ln -s "$(readlink -f "$IPCDEMO")" "$TEST_DIR/frobnicate"
  run -127 --separate-stderr "$TEST_DIR/frobnicate" --help
  [ "$stderr" = "ipcdemo: 'frobnicate' is not an ipcdemo tool name; 'ipcdemo --list' shows them" ]
  ln -s "$(readlink -f "$IPCDEMO")" "$TEST_DIR/shm-prodcue"
  run -127 --separate-stderr "$TEST_DIR/shm-prodcue"
  [ "$stderr" = "ipcdemo: 'shm-prodcue' is not an ipcdemo tool name; did you mean 'shm-produce'? 'ipcdemo --list' shows them" ]
}

@test "extra arguments are each quoted, in the order given, with what the command takes; exit 2" {
  run -2 --separate-stderr "$IPCDEMO" sem post /x a 'b c' ''
  [ "$stderr" = "ipcdemo: sem post: unexpected arguments 'a', 'b c', ''; it takes only NAME; see 'ipcdemo sem post --help'" ]
  run -2 --separate-stderr "$IPCDEMO" limits $'\e[2J'
  [ "$stderr" = "ipcdemo: limits: unexpected argument '\\e[2J'; it takes no arguments; see 'ipcdemo limits --help'" ]
  # The "--" that ends the options is not an argument.
  run -2 --separate-stderr "$IPCDEMO" sem post -- /x a
  [ "$stderr" = "ipcdemo: sem post: unexpected argument 'a'; it takes only NAME; see 'ipcdemo sem post --help'" ]
  # Through a tool name too.
  install_links
  run -2 --separate-stderr "$TEST_DIR/bin/mq-info" /x extra
  [ "$stderr" = "ipcdemo: mq info: unexpected argument 'extra'; it takes only NAME; see 'ipcdemo mq info --help'" ]
}

# One line per case: the arguments, then what the one-line error must contain.
@test "mistyped or misordered words get 'did you mean' and the valid words, exit 2" {
  assert_usage_errors <<'CASES'
shn create|unknown command 'shn'; did you mean 'shm'? commands: mmap, shm, sem, mq, ls
shm rm|shm: unknown action 'rm'; did you mean 'unlink'? actions: create, produce, consume, info, resize, dump, unlink
shm ls|did you mean 'ipcdemo ls'?
mq receive|mq: unknown action 'receive'; did you mean 'recv'?
mmap frob|mmap: unknown action 'frob'; actions: cat, maps
produce shm x|'produce shm': the group comes before the action; did you mean 'ipcdemo shm produce x'?
create|'create' is an action, not a group; did you mean 'ipcdemo shm create', 'ipcdemo sem create' or 'ipcdemo mq create'?
-version|unknown option '-version'; did you mean '--version'?
shm create --sizee 4|shm create: unknown option '--sizee'; did you mean '--size'? options: --size
mmap-cat|'mmap-cat' is a tool name; as a command it is 'ipcdemo mmap cat'
help shn|unknown command 'shn'; did you mean 'shm'?
CASES
}

@test "a tool link diagnoses its options too" {
  install_links
  run --separate-stderr "$TEST_DIR/bin/shm-create" --sizee 4
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"unknown option '--sizee'; did you mean '--size'?"* ]]
}

@test "help TOPIC is TOPIC --help, at every level" {
  for topic in "" "shm" "shm produce" "ls"; do
    run --separate-stderr "$IPCDEMO" $topic --help
    local expected=$output
    run --separate-stderr "$IPCDEMO" help $topic
    [ "$status" -eq 0 ] || { echo "help $topic: status $status"; return 1; }
    [ "$output" = "$expected" ] || { echo "help $topic differs"; return 1; }
  done
  run --separate-stderr "$IPCDEMO" shm help produce
  [ "$output" = "$("$IPCDEMO" shm produce --help)" ]
}

@test "global options and exit codes are described at the top only; lower levels point there" {
  run "$IPCDEMO" --help
  [[ "$output" == *"--log-level LEVEL"* && "$output" == *"Exit status:"* ]]
  for level in "shm" "shm produce" "ls"; do
    run --separate-stderr "$IPCDEMO" $level --help
    [[ "$output" != *"Exit status:"* && "$output" != *"--verbose"* ]] || { echo "$level repeats"; return 1; }
    [[ "$output" == *"exit codes: ipcdemo --help"* ]] || { echo "$level: no pointer"; return 1; }
  done
}

@test "defaults read unambiguously: (default: racy), never =racy" {
  run "$IPCDEMO" shm produce --help
  [[ "$output" == *"--sync racy|atomic|sem "* ]]
  [[ "$output" == *"(default: racy)"* ]]
  [[ "$output" != *"=racy"* ]]
  # However the description column wraps (COLUMNS), the default ends it.
  [[ "$(tr -s ' \n' ' ' <<<"$output")" == *"-i,--interval DURATION "*"(default: 1s)"* ]]
}

@test "the top-level examples are full command lines, at most eight" {
  run "$IPCDEMO" --help
  local examples
  examples=$(awk '/^Examples:/ {f = 1; next} /^$/ {f = 0} f' <<<"$output")
  [ "$(wc -l <<<"$examples")" -le 8 ]
  [ "$(wc -l <<<"$examples")" -ge 5 ]
  grep -q "ipcdemo shm produce /race -i 0 -c 50000" <<<"$examples"
  ! grep -qx ' *ipcdemo [a-z]* [a-z]*' <<<"$examples"
}

@test "--help works at every level and shows examples" {
  install_links
  for cmd in "$IPCDEMO --help" "$IPCDEMO -h" "$IPCDEMO mmap --help" "$IPCDEMO mmap cat --help" \
             "$TEST_DIR/bin/mmap-cat --help" "$TEST_DIR/bin/mmap-maps -h"; do
    run --separate-stderr $cmd
    [ "$status" -eq 0 ] || { echo "$cmd: status $status"; return 1; }
    [[ "$output" == *"Usage: ipcdemo"* ]] || { echo "$cmd: no usage"; return 1; }
    [[ "$output" == *"Examples:"* ]] || { echo "$cmd: no examples"; return 1; }
  done
}

@test "help documents the exit codes" {
  run "$IPCDEMO" --help
  [[ "$output" == *"127  unknown tool name"* ]]
  [[ "$output" == *"130  interrupted by SIGINT"* ]]
  [[ "$output" == *"2    usage error"* ]]
}

@test "--version and -V print the version" {
  run "$IPCDEMO" --version
  [ "$status" -eq 0 ]
  [[ "$output" =~ ^ipcdemo\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
  run "$IPCDEMO" -V
  [[ "$output" =~ ^ipcdemo\  ]]
}

@test "usage errors exit 2 with one line on stderr" {
  for args in "--bogus" "mmap" "mmap frob" "mmap maps --anon 4X" "mmap maps --pid -3" \
              "--log-level loud mmap cat" "mmap maps --pid 1 --file /etc/passwd" "--list mmap cat"; do
    run --separate-stderr "$IPCDEMO" $args
    [ "$status" -eq 2 ] || { echo "$args: status $status"; return 1; }
    [ "${#stderr_lines[@]}" -eq 1 ] || { echo "$args: ${#stderr_lines[@]} lines: $stderr"; return 1; }
    [[ "$stderr" == "ipcdemo: "* ]]
  done
}

@test "no command at all prints a short overview on stderr and exits 2, as git does" {
  run --separate-stderr "$IPCDEMO"
  [ "$status" -eq 2 ]
  [ -z "$output" ]
  [[ "$stderr" == *"Usage: ipcdemo"* ]]
  [ "${#stderr_lines[@]}" -le 25 ]
  for group in mmap shm sem mq ls tour bench completion; do
    grep -q "^  $group  " <<<"$stderr" || { echo "no $group"; return 1; }
  done
  [[ "$stderr" == *"ipcdemo tour"* && "$stderr" == *"ipcdemo --help"* && "$stderr" == *"man ipcdemo"* ]]
}

@test "global options work after the command and through a link" {
  install_links
  echo hi >"$TEST_DIR/file"
  run --separate-stderr "$IPCDEMO" mmap cat "$TEST_DIR/file" -v
  [ "$status" -eq 0 ]
  [ "$output" = "hi" ]
  [[ "$stderr" =~ mmap\(NULL,\ 3,\ PROT_READ,\ MAP_PRIVATE,\ [0-9]+,\ 0\)\ =\ 0x ]]
  run --separate-stderr "$TEST_DIR/bin/mmap-cat" "$TEST_DIR/file" --verbose
  [[ "$stderr" =~ mmap\(NULL,\ 3,\ PROT_READ,\ MAP_PRIVATE,\ [0-9]+,\ 0\)\ =\ 0x ]]
  run --separate-stderr "$TEST_DIR/bin/mmap-cat" --log-level=debug "$TEST_DIR/file"
  [[ "$stderr" =~ open\(\"$TEST_DIR/file\",\ O_RDONLY\)\ =\ [0-9]+ ]]
}

@test "IPCDEMO_LOG_LEVEL sets the level and options override it" {
  echo hi >"$TEST_DIR/file"
  IPCDEMO_LOG_LEVEL=debug run --separate-stderr "$IPCDEMO" mmap cat "$TEST_DIR/file"
  [[ "$stderr" == *"mmap(NULL"* ]]
  IPCDEMO_LOG_LEVEL=debug run --separate-stderr "$IPCDEMO" --log-level off mmap cat "$TEST_DIR/file"
  [ -z "$stderr" ]
}

@test "-q silences info notes, the default shows them" {
  run --separate-stderr "$IPCDEMO" mmap cat /proc/self/status
  [[ "$stderr" == *"info:"* ]]
  run --separate-stderr "$IPCDEMO" -q mmap cat /proc/self/status
  [ -z "$stderr" ]
}

@test "log lines are coloured on a terminal, never with NO_COLOR or off a terminal" {
  command -v script >/dev/null || skip "script(1) not installed"
  echo hi >"$TEST_DIR/file"
  # An info line, whose level is coloured (a narrated call has no level to colour),
  # in a terminal that says it has colours (spdlog asks TERM): a fresh system's root may have none.
  TERM=xterm script -qec "$IPCDEMO -v mmap cat /proc/self/status" /dev/null >"$TEST_DIR/tty"
  grep -q $'\e\[' "$TEST_DIR/tty"
  TERM=xterm NO_COLOR=1 script -qec "$IPCDEMO -v mmap cat /proc/self/status" /dev/null >"$TEST_DIR/tty"
  ! grep -q $'\e\[' "$TEST_DIR/tty"
  "$IPCDEMO" -v mmap cat /proc/self/status 2>"$TEST_DIR/err" >/dev/null
  ! grep -q $'\e\[' "$TEST_DIR/err"
}

@test "a failed write to standard output is exit 1 with a message" {
  run --separate-stderr "$IPCDEMO" mmap maps
  [ "$status" -eq 0 ]
  run --separate-stderr bash -c "'$IPCDEMO' mmap maps >/dev/full"
  [ "$status" -eq 1 ]
  [[ "$stderr" == "ipcdemo: write standard output: No space left on device" ]]
  run --separate-stderr bash -c "'$IPCDEMO' mmap cat >/dev/full"
  [ "$status" -eq 1 ]
  [[ "$stderr" == *"No space left on device"* ]]
}

# On a terminal, what ipcdemo says on stderr (messages, narrated calls, errors)
# is wrapped to its width, continuation lines indented; into a pipe or a file
# each line stays whole, for grep. script(1) gives the command a real terminal.
@test "stderr lines fit the terminal they are read in, and stay whole in a pipe" {
  command -v script >/dev/null || skip "script(1) (bsdutils) is not installed"
  local name="/ipcdemo-test-$$-no-such-segment-with-a-long-name" columns line longest
  for columns in 50 80; do
    run script -qec "stty cols $columns rows 40; '$IPCDEMO' -vv shm info '$name'" /dev/null
    [ "$status" -eq 1 ] || { echo "$output"; return 1; }
    longest=0
    while IFS= read -r line; do
      line=$(sed -E 's/\x1b\[[0-9;]*m//g; s/\r$//' <<<"$line")
      [ "${#line}" -le "$longest" ] || longest=${#line}
    done <<<"$output"
    [ "$longest" -le "$columns" ] || { echo "a line of $longest columns at $columns: $output"; return 1; }
    [[ "$output" == *"create it first"* ]] || { echo "$output"; return 1; }
  done
  # Into a pipe: the error is one line, whole.
  run --separate-stderr "$IPCDEMO" -vv shm info "$name"
  [ "$status" -eq 1 ]
  grep -q "^ipcdemo: shm_open $name: No such file or directory; create it first with: ipcdemo shm create $name\$" <<<"$stderr" ||
    { echo "$stderr"; return 1; }
}

@test "every --help fits the terminal: at 80 and 50 columns no line is wider, nothing is cut" {
  local columns tool group action widest
  local -a helps=("")
  for group in mmap shm sem mq ls who rm limits watch tour bench completion; do helps+=("$group"); done
  for tool in $("$IPCDEMO" --list); do helps+=("${tool%%-*} ${tool#*-}"); done
  for columns in 80 50; do
    for words in "${helps[@]}"; do
      # shellcheck disable=SC2086 # the command's words
      run --separate-stderr env COLUMNS="$columns" "$IPCDEMO" $words --help
      [ "$status" -eq 0 ] || { echo "ipcdemo $words --help: $status"; return 1; }
      widest=$(awk '{ if (length($0) > w) w = length($0) } END { print w + 0 }' <<<"$output")
      [ "$widest" -le "$columns" ] ||
        { echo "ipcdemo $words --help at $columns columns:"; awk -v c="$columns" 'length($0) > c' <<<"$output"; return 1; }
    done
  done
  # Wrapped, not cut: every word of an option's help is still there.
  run env COLUMNS=50 "$IPCDEMO" shm produce --help
  [[ "$(tr -s ' \n' ' ' <<<"$output")" == *"widening the window in which increments are lost; 0: none (default: 1us)"* ]]
}
