#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# cmake --install puts the binary, its tool links (in lib/ipcdemo/bin) and the man
# pages in place.
load helpers

setup() {
  common_setup
  [ -n "${IPCDEMO_BUILD_DIR:-}" ] || skip "IPCDEMO_BUILD_DIR not set (run through ctest)"
}
teardown() { common_teardown; }

# The prefix given at install time, not the configured one (/usr/local), decides
# where everything goes, and DESTDIR is honoured for every file and link.
@test "cmake --install --prefix P with DESTDIR puts every file and link under DESTDIR/P" {
  DESTDIR="$TEST_DIR/root" run cmake --install "$IPCDEMO_BUILD_DIR" --prefix /opt/ipc
  [ "$status" -eq 0 ] || { echo "$output"; return 1; }
  local found
  found=$(cd "$TEST_DIR/root" && find . ! -type d | grep -v '^./opt/ipc/' || true)
  [ -z "$found" ] || { echo "outside DESTDIR/opt/ipc: $found"; return 1; }
  [ -x "$TEST_DIR/root/opt/ipc/bin/ipcdemo" ]
  [ "$(readlink "$TEST_DIR/root/opt/ipc/lib/ipcdemo/bin/shm-produce")" = "../../../bin/ipcdemo" ]
  [ "$(ls "$TEST_DIR/root/opt/ipc/bin")" = "ipcdemo" ]
  [ -f "$TEST_DIR/root/opt/ipc/share/zsh/site-functions/_ipcdemo" ]
  [ "$(readlink "$TEST_DIR/root/opt/ipc/share/man/man1/mq-recv.1")" = "ipcdemo-mq.1" ]
}

@test "cmake --install --prefix /usr uses Debian's zsh vendor-completions" {
  DESTDIR="$TEST_DIR/root" run cmake --install "$IPCDEMO_BUILD_DIR" --prefix /usr
  [ "$status" -eq 0 ] || { echo "$output"; return 1; }
  [ -f "$TEST_DIR/root/usr/share/zsh/vendor-completions/_ipcdemo" ]
  [ -L "$TEST_DIR/root/usr/lib/ipcdemo/bin/mmap-cat" ]
}

@test "cmake --install lays out binary, a link per tool name outside bin/, and man pages" {
  DESTDIR="$TEST_DIR/root" run cmake --install "$IPCDEMO_BUILD_DIR" --prefix /usr/local
  [ "$status" -eq 0 ] || { echo "$output"; return 1; }
  local bin="$TEST_DIR/root/usr/local/bin" links="$TEST_DIR/root/usr/local/lib/ipcdemo/bin"
  [ -x "$bin/ipcdemo" ]
  # The generic tool names stay out of bin/, where another package's could be.
  [ "$(ls "$bin")" = "ipcdemo" ]
  [ "$(ls "$links" | sort)" = "$("$IPCDEMO" --list | sort)" ]
  for name in $("$IPCDEMO" --list); do
    [ "$(readlink "$links/$name")" = "../../../bin/ipcdemo" ] || { echo "no link $name"; return 1; }
  done
  [ ! -e "$links/ls" ]
  [ -f "$TEST_DIR/root/usr/local/share/man/man1/ipcdemo.1" ]
  [ -f "$TEST_DIR/root/usr/local/share/man/man1/ipcdemo-mmap.1" ]
  local share="$TEST_DIR/root/usr/local/share"
  [ -f "$share/bash-completion/completions/ipcdemo" ]
  [ "$(readlink "$share/bash-completion/completions/mmap-cat")" = "ipcdemo" ]
  [ -f "$share/zsh/site-functions/_ipcdemo" ]
  [ -f "$share/fish/vendor_completions.d/ipcdemo.fish" ]
  [ "$(readlink "$share/fish/vendor_completions.d/mmap-cat.fish")" = "ipcdemo.fish" ]
  echo installed >"$TEST_DIR/f"
  [ "$("$links/mmap-cat" "$TEST_DIR/f")" = "installed" ]
  # As the README and ipcdemo(1) say: that folder on PATH, and the names work.
  [ "$(PATH="$links:$PATH" mmap-cat "$TEST_DIR/f")" = "installed" ]
}
