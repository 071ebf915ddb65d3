#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# Completion: the committed scripts are what the binary generates, and the real
# shells, asking the binary, offer groups, actions, options and their values.
load helpers

ROOT="$(cd "$BATS_TEST_DIRNAME/../.." && pwd)"

setup() {
  common_setup
  install_links
  ln -s "$(readlink -f "$IPCDEMO")" "$TEST_DIR/bin/ipcdemo"
}
teardown() { common_teardown; }

# Paths removed in teardown even when the test fails.
plant_cleanup() { printf '%s\0' "$@" >>"$TEST_DIR/planted"; }

# Runs the bash completion function on a command line given as words; the last
# word is the one being completed. Prints COMPREPLY, one a line.
bash_complete() {
  PATH="$TEST_DIR/bin:$PATH" bash -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    _ipcdemo_complete
    printf "%s\n" "${COMPREPLY[@]}"' _ "$ROOT/completions/ipcdemo" "$@"
}

@test "committed completion scripts are what scripts/gen-completions makes now" {
  "$ROOT/scripts/gen-completions" "$IPCDEMO" "$TEST_DIR/completions"
  for file in ipcdemo _ipcdemo ipcdemo.fish; do
    diff -u "$ROOT/completions/$file" "$TEST_DIR/completions/$file" ||
      { echo "completions/$file is stale: run scripts/gen-completions build/dev/src/ipcdemo"; return 1; }
  done
}

@test "the scripts register ipcdemo and every tool name" {
  for tool in ipcdemo $("$IPCDEMO" --list); do
    grep -q "complete -F _ipcdemo_complete.* $tool\\b" "$ROOT/completions/ipcdemo" || { echo "bash: $tool"; return 1; }
    grep -q "^#compdef.* $tool\\b" "$ROOT/completions/_ipcdemo" || { echo "zsh: $tool"; return 1; }
    grep -q "^for command in.* $tool\\b" "$ROOT/completions/ipcdemo.fish" || { echo "fish: $tool"; return 1; }
  done
}

@test "bash offers groups, then actions, then options" {
  run bash_complete ipcdemo mm
  [ "$output" = "mmap" ]
  run bash_complete ipcdemo m
  [ "$output" = "$(printf 'mmap\nmq')" ]
  run bash_complete ipcdemo mmap ""
  [ "$output" = "$(printf 'cat\nmaps\ncow')" ]
  run bash_complete ipcdemo mmap maps --a
  [ "$output" = "--anon" ]
}

@test "bash offers option values: choices, log levels, PIDs" {
  run bash_complete ipcdemo completion ""
  [ "$output" = "$(printf 'bash\nzsh\nfish')" ]
  run bash_complete ipcdemo --log-level d
  [ "$output" = "debug" ]
  sleep 300 &
  local sleeper=$!
  run bash_complete ipcdemo mmap maps --pid "$sleeper"
  kill "$sleeper"
  [[ "$output" == *"$sleeper"* ]]
}

@test "bash offers live names without the / unless it is typed, and keeps it before a -" {
  local name="ipcdemo-test-$$-bare"
  "$IPCDEMO" -q shm create "/$name" >/dev/null
  "$IPCDEMO" -q shm create "/-$name" >/dev/null
  run bash_complete shm-info "ipcdemo-test-$$-"
  local bare=$output
  run bash_complete shm-info "/-ipcdemo-test-$$-"
  local dashed=$output
  run bash_complete shm-info ""
  "$IPCDEMO" -q shm unlink "/$name"
  "$IPCDEMO" -q shm unlink "/-$name"
  [ "$bare" = "$name" ]
  [ "$dashed" = "/-$name" ]
  grep -qx "/-$name" <<<"$output"
  ! grep -qx -- "-$name" <<<"$output"
}

@test "bash completes --opt=value as bash splits it: --opt, =, value" {
  run bash_complete ipcdemo shm produce --sync = at
  [ "$output" = "atomic" ]
  run bash_complete ipcdemo shm produce --sync =
  [ "$output" = "$(printf '=racy\n=atomic\n=sem')" ]
  run bash_complete ipcdemo --log-level = w
  [ "$output" = "warn" ]
  run bash_complete ipcdemo shm produce --sync=at
  [ "$output" = "--sync=atomic" ]
}

@test "bash offers ls's columns for --output, also after a comma, in the case typed" {
  run bash_complete ipcdemo ls -o NAME,MO
  [ "$output" = "NAME,MODE" ]
  run bash_complete ipcdemo ls -o name,mt
  [ "$output" = "name,mtime" ]
  run bash_complete ipcdemo ls --output = +HOLD
  [ "$output" = "+HOLDERS" ]
  run bash_complete ipcdemo ls --output=TYPE,NAME,SI
  [ "$output" = "--output=TYPE,NAME,SIZE" ]
  # A column already in the list is not offered again.
  run bash_complete ipcdemo ls -o MODE,MO
  [ "$output" = "" ]
  # Repeatable choices complete the same way: who --type shm,sem.
  run bash_complete ipcdemo who --type shm,s
  [ "$output" = "shm,sem" ]
}

@test "the columns offered are exactly those ls --help lists, in its order" {
  local listed offered
  listed=$("$IPCDEMO" ls --help | sed -n '/^Columns (--output):$/,/^$/p' | awk '/^  [A-Z]/ {print $1}') # a row's first word; wrapped text goes on below
  offered=$("$IPCDEMO" __complete ipcdemo ls --output "" | grep -v '^:')
  [ -n "$listed" ]
  [ "$offered" = "$listed" ]
}

@test "bash completes file names where a command takes a FILE" {
  touch "$TEST_DIR/some-file.txt"
  run bash_complete ipcdemo mmap cat "$TEST_DIR/some-f"
  [ "$output" = "$TEST_DIR/some-file.txt" ]
}

@test "bash completion works for a tool link" {
  run bash_complete mmap-maps --f
  [ "$output" = "--file" ]
  touch "$TEST_DIR/other-file"
  run bash_complete mmap-cat "$TEST_DIR/other-"
  [ "$output" = "$TEST_DIR/other-file" ]
}

@test "fish offers groups, actions and option values with descriptions" {
  command -v fish >/dev/null || skip "fish not installed"
  fish_complete() {
    PATH="$TEST_DIR/bin:$PATH" fish --no-config -c "source $ROOT/completions/ipcdemo.fish; complete -C '$1'"
  }
  run fish_complete "ipcdemo mm"
  [[ "$output" == "mmap"$'\t'"File mappings"* ]]
  run fish_complete "mmap-maps --a"
  [[ "$output" == "--anon"* ]]
  run fish_complete "ipcdemo completion z"
  [ "$output" = "zsh" ]
}

@test "bash offers the names of live objects of the right kind" {
  local name="ipcdemo-test-$$-complete"
  "$IPCDEMO" -q shm create "/$name" >/dev/null
  "$IPCDEMO" -q sem create "/$name-sem" >/dev/null
  run bash_complete shm-consume "/ipcdemo-test-$$-"
  local shm_output=$output
  run bash_complete ipcdemo sem value "/ipcdemo-test-$$-"
  "$IPCDEMO" -q shm unlink "/$name"
  "$IPCDEMO" -q sem unlink "/$name-sem"
  [ "$shm_output" = "/$name" ]
  [ "$output" = "/$name-sem" ]
}

@test "fish offers the names of live objects" {
  command -v fish >/dev/null || skip "fish not installed"
  local name="ipcdemo-test-$$-fish"
  "$IPCDEMO" -q shm create "/$name" >/dev/null
  run env PATH="$TEST_DIR/bin:$PATH" fish --no-config -c "source $ROOT/completions/ipcdemo.fish; complete -C 'shm-info /ipcdemo-test-$$-'"
  "$IPCDEMO" -q shm unlink "/$name"
  [[ "$output" == "/$name"$'\t'"4096 bytes, owner $(id -un)" ]]
}

# Types a command line and Tab into the real interactive shell started by
# tty_start, then runs printf on the completed words: the screen shows each as
# <word>. $1: what to type before Tab; $2: the word the last one must become.
typed_completes_to() {
  tty_type "$1" Tab
  tty_type C-a "printf '<%s>\\n' " Enter
  tty_wait_for "<$2>"
  tty_type "clear" Enter
}

# The same checks in every shell, typed: groups, --opt=value, live names without
# and with their '/', and a name starting with '-' keeping its '/'.
assert_typed_completion_works() {
  local name="ipcdemo-test-$$-typed"
  "$IPCDEMO" -q shm create "/$name" --size 64K >/dev/null
  "$IPCDEMO" -q sem create "/-$name" >/dev/null
  plant_cleanup "/dev/shm/$name" "/dev/shm/sem.-$name"
  typed_completes_to "ipcdemo shm produce --sync=at" "--sync=atomic"
  typed_completes_to "ipcdemo --log-level=deb" "--log-level=debug"
  typed_completes_to "ipcdemo mm" "mmap"
  typed_completes_to "shm-info ${name:0:${#name}-2}" "$name"
  typed_completes_to "shm-info /${name:0:${#name}-2}" "/$name"
  typed_completes_to "ipcdemo sem value /-${name:0:${#name}-2}" "/-$name"
  # Column lists: the item after the last comma, in the case it is typed in.
  typed_completes_to "ipcdemo ls -o NAME,MO" "NAME,MODE"
  typed_completes_to "ipcdemo ls --output=name,own" "--output=name,owner"
  typed_completes_to "ipcdemo who --type shm,s" "shm,sem"
}

# Makes two segments, of 8K and 12K, types `shm-info PREFIX-<Tab>` into the shell
# (tty_shell) and waits until the first is offered with what ls would say of it.
tab_to_described_segments() {
  local name="ipcdemo-test-$$-described"
  "$IPCDEMO" -q shm create "/$name-a" --size 8K >/dev/null
  "$IPCDEMO" -q shm create "/$name-b" --size 12K >/dev/null
  plant_cleanup "/dev/shm/$name-a" "/dev/shm/$name-b"
  tty_type "shm-info $name-" Tab
  tty_wait_for "8192 bytes, owner $(id -un)"
}

@test "bash, typed into: groups, --opt=value, live names with and without their /" {
  tty_shell "source <(ipcdemo completion bash)" bash --norc --noprofile
  assert_typed_completion_works
}

@test "zsh -f, typed into: sourcing the script loads the completion system itself" {
  command -v zsh >/dev/null || skip "zsh not installed"
  zsh -n "$ROOT/completions/_ipcdemo"
  tty_shell "source <(ipcdemo completion zsh)" zsh -f
  ! tty_screen | grep -q "command not found" || { tty_screen; return 1; }
  assert_typed_completion_works
}

@test "zsh, typed into: _ipcdemo installed in fpath works, and candidates carry descriptions" {
  command -v zsh >/dev/null || skip "zsh not installed"
  tty_shell "fpath=($ROOT/completions \$fpath); autoload -Uz compinit && compinit -u" zsh -f
  assert_typed_completion_works
  # Tab lists both segments, each with what ls would say of it.
  tab_to_described_segments
  tty_wait_for "12288 bytes, owner $(id -un)"
  tty_type C-u
  tty_type "ipcdemo " Tab
  tty_wait_for "POSIX shared memory: a counter"
}

@test "fish, typed into: groups, --opt=value, live names, descriptions" {
  command -v fish >/dev/null || skip "fish not installed"
  tty_shell "source $ROOT/completions/ipcdemo.fish" fish --no-config
  assert_typed_completion_works
  tab_to_described_segments
}

# Types `shm-info /PREFIX<Tab>` into a real interactive shell (tmux), where a
# neighbour planted objects whose names hold shell syntax. The completed word must
# stand for the literal name: the shell then runs printf on it, and the name comes
# back unchanged while nothing in it ever ran.
assert_typed_completion_is_literal() {
  local setup=$1
  shift
  local prefix="ipcdemo-test-$$-hostile"
  local sub="$prefix-a-\$(touch sub-ran)"
  local tick="$prefix-b-\`touch tick-ran\`;x y*'\""
  plant_as_nobody "$sub"
  plant_as_nobody "$tick"
  plant_as_nobody "$prefix-c-"$'\n'"forged-row"
  tty_shell "$setup" "$@"
  for name in "$sub" "$tick"; do
    tty_type "shm-info /${name:0:${#prefix}+2}" Tab
    tty_wait_for "touch"
    tty_type C-a "printf '<%s>\\n' " Enter
    tty_wait_for "</$name>"
    tty_type "clear" Enter
  done
  # A name with a newline cannot be offered safely: it is left out.
  tty_type "printf '<%s>\\n' shm-info /$prefix-c" Tab Enter
  tty_wait_for "</$prefix-c>"
  [ ! -e "$TEST_DIR/sub-ran" ] && [ ! -e "$TEST_DIR/tick-ran" ] || { echo "a planted name ran"; return 1; }
}

@test "bash, typed into: a planted name's \$(...) or backticks never run, the name is completed literally" {
  assert_typed_completion_is_literal "source $ROOT/completions/ipcdemo" bash --norc --noprofile
}

@test "zsh, typed into: a planted name's \$(...) or backticks never run, the name is completed literally" {
  command -v zsh >/dev/null || skip "zsh not installed"
  assert_typed_completion_is_literal \
    "autoload -Uz compinit && compinit -u && source $ROOT/completions/_ipcdemo" zsh -f
}

@test "fish, typed into: a planted name's \$(...) or backticks never run, the name is completed literally" {
  command -v fish >/dev/null || skip "fish not installed"
  assert_typed_completion_is_literal "source $ROOT/completions/ipcdemo.fish" fish --no-config
}
