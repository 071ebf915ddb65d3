#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# The Debian package: built by CPack from the build under test, unpacked into a
# scratch root with dpkg -x, and used from there: the binary, a tool link and
# the man pages, in Debian's places. (scripts/package builds the release one and
# runs lintian on it.)
load helpers

# Built once for the file: cpack strips and compresses, which takes seconds.
setup_file() {
  [ -n "${IPCDEMO_BUILD_DIR:-}" ] && command -v cpack >/dev/null && command -v dpkg >/dev/null || return 0
  cpack --config "$IPCDEMO_BUILD_DIR/CPackConfig.cmake" -B "$BATS_FILE_TMPDIR/pkg" >"$BATS_FILE_TMPDIR/cpack.log" 2>&1 ||
    { cat "$BATS_FILE_TMPDIR/cpack.log"; return 1; }
}

setup() {
  common_setup
  [ -n "${IPCDEMO_BUILD_DIR:-}" ] || skip "IPCDEMO_BUILD_DIR not set (run through ctest)"
  command -v cpack >/dev/null && command -v dpkg >/dev/null || skip "cpack or dpkg missing"
}
teardown() { common_teardown; }

build_package() { DEB=$(ls "$BATS_FILE_TMPDIR"/pkg/ipcdemo_*.deb); }

@test "the package is named ipcdemo_VERSION_ARCH.deb and unpacks into a working tree" {
  build_package
  local version
  version=$("$IPCDEMO" --version | cut -d' ' -f2)
  [ "$(basename "$DEB")" = "ipcdemo_${version}_$(dpkg --print-architecture).deb" ]
  dpkg -x "$DEB" "$TEST_DIR/root"
  local root="$TEST_DIR/root"
  run "$root/usr/bin/ipcdemo" --version
  [ "$status" -eq 0 ] && [ "$output" = "ipcdemo $version" ]
  [ "$(readlink "$root/usr/lib/ipcdemo/bin/mmap-cat")" = "../../../bin/ipcdemo" ]
  echo "from the package" >"$TEST_DIR/f"
  [ "$("$root/usr/lib/ipcdemo/bin/mmap-cat" "$TEST_DIR/f")" = "from the package" ]
  if command -v man >/dev/null; then
    [ "$(MANPATH="$root/usr/share/man" man -w ipcdemo)" = "$root/usr/share/man/man1/ipcdemo.1.gz" ]
    # A tool name finds its group's page (man -w shows the link's target).
    [ "$(MANPATH="$root/usr/share/man" man -w shm-produce)" = "$root/usr/share/man/man1/ipcdemo-shm.1.gz" ]
    MANPATH="$root/usr/share/man" MANWIDTH=80 man shm-produce 2>/dev/null | grep -q "ipcdemo shm produce"
  fi
}

@test "the package puts completions, docs and compressed man pages in Debian's places" {
  build_package
  run dpkg-deb -c "$DEB"
  for path in ./usr/share/bash-completion/completions/ipcdemo ./usr/share/zsh/vendor-completions/_ipcdemo \
              ./usr/share/fish/vendor_completions.d/ipcdemo.fish ./usr/share/doc/ipcdemo/copyright \
              ./usr/share/doc/ipcdemo/changelog.gz ./usr/share/man/man1/ipcdemo-shm.1.gz; do
    grep -q " $path\$" <<<"$output" || { echo "missing $path"; return 1; }
  done
  grep -q " ./usr/share/bash-completion/completions/shm-produce -> ipcdemo$" <<<"$output"
  ! grep -q "\.1$" <<<"$output" || { echo "an uncompressed man page"; return 1; }
  run dpkg-deb -f "$DEB" Package Section Maintainer
  [[ "$output" == *"Package: ipcdemo"* && "$output" == *"Section: utils"* ]]
  # The tool links count as links, not as copies of the binary.
  dpkg -x "$DEB" "$TEST_DIR/root"
  local kib binary_kib
  kib=$(dpkg-deb -f "$DEB" Installed-Size)
  binary_kib=$(($(stat -c %s "$TEST_DIR/root/usr/bin/ipcdemo") / 1024))
  [ "$kib" -ge "$binary_kib" ] && [ "$kib" -lt $((binary_kib * 2)) ] || { echo "Installed-Size $kib"; return 1; }
}
