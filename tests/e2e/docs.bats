#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# The man pages are generated from the registry plus hand-written prose: they
# must match what the binary generates now, lint clean, and cover every command.
load helpers

ROOT="$(cd "$BATS_TEST_DIRNAME/../.." && pwd)"

setup() { common_setup; }
teardown() { common_teardown; }

@test "committed man pages are what scripts/gen-man makes now" {
  "$ROOT/scripts/gen-man" "$IPCDEMO" "$TEST_DIR/man"
  for page in "$TEST_DIR"/man/*.1; do
    diff -u "$ROOT/man/$(basename "$page")" "$page" ||
      { echo "man/$(basename "$page") is stale: run scripts/gen-man build/dev/src/ipcdemo"; return 1; }
  done
  [ "$(ls "$ROOT"/man/*.1 | wc -l)" -eq "$(ls "$TEST_DIR"/man/*.1 | wc -l)" ]
}

@test "man pages lint clean" {
  command -v mandoc >/dev/null || skip "mandoc not installed"
  run mandoc -T lint -W warning "$ROOT"/man/*.1
  [ "$status" -eq 0 ] || { echo "$output"; return 1; }
}

@test "every man page fits an 80-column terminal, without a warning from man" {
  command -v man >/dev/null || skip "man (man-db) not installed"
  for page in "$ROOT"/man/*.1; do
    man_page_fits_80 "$page"
  done
}

@test "every group has a page and every tool is in ipcdemo(1)" {
  for tool in $("$IPCDEMO" --list); do
    group=${tool%%-*}
    [ -f "$ROOT/man/ipcdemo-$group.1" ] || { echo "no page for $group"; return 1; }
    grep -q "tool: \\\\fB${tool//-/\\\\-}\\\\fR" "$ROOT/man/ipcdemo.1" || { echo "$tool missing"; return 1; }
  done
}

@test "every option of every command appears in its group's page" {
  for tool in $("$IPCDEMO" --list); do
    group=${tool%%-*} action=${tool#*-}
    options=$("$IPCDEMO" "$group" "$action" --help | awk '/^Options:/ {f = 1; next} /^$/ {f = 0} f' |
      grep -o -- '--[a-z-]*' | sort -u)
    [ -n "$options" ] || { echo "no options found for $tool"; return 1; }
    for option in $options; do
      [ "$option" = "--help" ] && continue
      grep -q -- "${option//-/\\\\-}" "$ROOT/man/ipcdemo-$group.1" || { echo "$tool $option missing"; return 1; }
    done
  done
}

@test "a group without hand-written prose still gets a page, from the registry alone" {
  # A copy of the tree's generator and prose, without sem's prose: as if sem were a new group.
  mkdir -p "$TEST_DIR/root/scripts" "$TEST_DIR/root/man"
  cp "$ROOT/scripts/gen-man" "$TEST_DIR/root/scripts/"
  cp -r "$ROOT/man/src" "$TEST_DIR/root/man/"
  rm "$TEST_DIR/root/man/src/ipcdemo-sem.1.in"
  "$TEST_DIR/root/scripts/gen-man" "$IPCDEMO" "$TEST_DIR/out"
  page="$TEST_DIR/out/ipcdemo-sem.1"
  [ -f "$page" ]
  grep -q '^\.TH IPCDEMO\\-SEM 1 ' "$page"
  grep -q '^ipcdemo\\-sem \\- Named POSIX semaphores' "$page"
  grep -q '^\.SH SYNOPSIS' "$page"
  grep -q '^\.SH DESCRIPTION' "$page"
  grep -q '^A named semaphore is a counter' "$page"
  grep -q '^\.SH COMMANDS' "$page"
  grep -q -- '\\-\\-spin' "$page"
  ! grep -q '@' "$page"
  if command -v mandoc >/dev/null; then mandoc -T lint -W warning "$page"; fi
}

@test "the samples of output in README.md and docs/ are what ipcdemo prints now" {
  unshare --ipc --mount --propagation private true 2>/dev/null ||
    skip "needs private IPC and mount namespaces (unshare --ipc --mount)"
  run "$ROOT/scripts/gen-doc-samples" "$IPCDEMO" --check
  [ "$status" -eq 0 ] || { echo "$output"; return 1; }
}

# The paths a document names in backquotes that are not in the tree (as written,
# under src/, or as src/NAME.hpp or .cpp). GROUP, NAME and ACTION stand for any
# group; absolute paths are the machine's.
missing_paths() {
  local path
  grep -oE '`[A-Za-z0-9_./-]+/[A-Za-z0-9_./-]*`' "$1" | tr -d '`' | sort -u |
    grep -vE 'GROUP|NAME|ACTION|^/|\*' | while read -r path; do
    [ -e "$ROOT/$path" ] || [ -e "$ROOT/src/$path" ] || [ -e "$ROOT/src/$path.hpp" ] ||
      [ -e "$ROOT/src/$path.cpp" ] || echo "$path"
  done
}

# docs/ARCHITECTURE.md walks the code: a rename or a removal must not leave it
# describing code that is gone.
@test "every path docs/ARCHITECTURE.md names exists" {
  local missing
  missing=$(missing_paths "$ROOT/docs/ARCHITECTURE.md")
  [ -z "$missing" ] || { echo "named in docs/ARCHITECTURE.md but not in the tree: $missing"; return 1; }
  # The check finds one that is not there, and passes what is.
  printf '%s\n' '`src/ipc/hints.cpp` and `ipc/mqueue_fs` and `src/no/such.cpp`' >"$TEST_DIR/doc.md"
  [ "$(missing_paths "$TEST_DIR/doc.md")" = "src/no/such.cpp" ]
}
