#!/usr/bin/env bats
# cmake --install puts the binary, its tool links and the man pages in place.
load helpers

setup() {
  common_setup
  [ -n "${IPCDEMO_BUILD_DIR:-}" ] || skip "IPCDEMO_BUILD_DIR not set (run through ctest)"
}
teardown() { common_teardown; }

@test "cmake --install lays out binary, a link per tool name and man pages" {
  DESTDIR="$TEST_DIR/root" run cmake --install "$IPCDEMO_BUILD_DIR" --prefix /usr/local
  [ "$status" -eq 0 ] || { echo "$output"; return 1; }
  local bin="$TEST_DIR/root/usr/local/bin"
  [ -x "$bin/ipcdemo" ]
  for name in $("$IPCDEMO" --list); do
    [ "$(readlink "$bin/$name")" = "ipcdemo" ] || { echo "no link $name"; return 1; }
  done
  [ ! -e "$bin/ls" ]
  [ -f "$TEST_DIR/root/usr/local/share/man/man1/ipcdemo.1" ]
  [ -f "$TEST_DIR/root/usr/local/share/man/man1/ipcdemo-mmap.1" ]
  local share="$TEST_DIR/root/usr/local/share"
  [ -f "$share/bash-completion/completions/ipcdemo" ]
  [ "$(readlink "$share/bash-completion/completions/mmap-cat")" = "ipcdemo" ]
  [ -f "$share/zsh/site-functions/_ipcdemo" ]
  [ -f "$share/fish/vendor_completions.d/ipcdemo.fish" ]
  echo installed >"$TEST_DIR/f"
  [ "$("$bin/mmap-cat" "$TEST_DIR/f")" = "installed" ]
}
