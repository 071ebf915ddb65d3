#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# The Debian package: built by CPack from the build under test, unpacked into a
# scratch root with dpkg -x, and used from there: the binary, the tool links and
# the man pages in Debian's places, its control data, its hardening (the
# package preset's build), man pages without warnings, fish completion for the
# links, reproducible bytes. (scripts/package builds the package preset's
# package, runs lintian on it and then this file.)
load helpers

# Built once for the file: cpack strips and compresses, which takes seconds.
# SOURCE_DATE_EPOCH as scripts/package sets it, for the reproducibility test.
setup_file() {
  [ -n "${IPCDEMO_BUILD_DIR:-}" ] && command -v cpack >/dev/null && command -v dpkg >/dev/null || return 0
  export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$BATS_TEST_DIRNAME" log -1 --format=%ct 2>/dev/null || echo 1767225600)}
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
# The package unpacked into $ROOT.
unpack() {
  build_package
  ROOT="$TEST_DIR/root"
  dpkg -x "$DEB" "$ROOT"
}
# The build under test is the package preset's (hardened) build.
hardened_build() { grep -q '^IPCDEMO_HARDENED:BOOL=ON$' "$IPCDEMO_BUILD_DIR/CMakeCache.txt"; }

@test "the package is named ipcdemo_VERSION_ARCH.deb and unpacks into a working tree" {
  unpack
  local version
  version=$("$IPCDEMO" --version | cut -d' ' -f2)
  [ "$(basename "$DEB")" = "ipcdemo_${version}_$(dpkg --print-architecture).deb" ]
  run "$ROOT/usr/bin/ipcdemo" --version
  [ "$status" -eq 0 ] && [ "$output" = "ipcdemo $version" ]
  echo "from the package" >"$TEST_DIR/f"
  [ "$("$ROOT/usr/lib/ipcdemo/bin/mmap-cat" "$TEST_DIR/f")" = "from the package" ]
  if command -v man >/dev/null; then
    [ "$(MANPATH="$ROOT/usr/share/man" man -w ipcdemo)" = "$ROOT/usr/share/man/man1/ipcdemo.1.gz" ]
    # A tool name finds its group's page (man -w shows the link's target).
    [ "$(MANPATH="$ROOT/usr/share/man" man -w shm-produce)" = "$ROOT/usr/share/man/man1/ipcdemo-shm.1.gz" ]
    MANPATH="$ROOT/usr/share/man" MANWIDTH=80 man shm-produce 2>/dev/null | grep -q "ipcdemo shm produce"
  fi
}

@test "only ipcdemo is in /usr/bin; the tool links are in /usr/lib/ipcdemo/bin, every one" {
  unpack
  [ "$(ls "$ROOT/usr/bin")" = "ipcdemo" ]
  [ "$(ls "$ROOT/usr/lib/ipcdemo/bin" | sort)" = "$("$IPCDEMO" --list | sort)" ]
  local name
  for name in $("$IPCDEMO" --list); do
    [ "$(readlink "$ROOT/usr/lib/ipcdemo/bin/$name")" = "../../../bin/ipcdemo" ] || { echo "link $name"; return 1; }
  done
  # The way the README and ipcdemo(1) give: that folder on PATH.
  echo "on PATH" >"$TEST_DIR/f"
  [ "$(PATH="$ROOT/usr/lib/ipcdemo/bin:$PATH" mmap-cat "$TEST_DIR/f")" = "on PATH" ]
  if command -v man >/dev/null; then
    MANPATH="$ROOT/usr/share/man" MANWIDTH=80 man ipcdemo 2>/dev/null | grep -qF 'PATH=/usr/lib/ipcdemo/bin:$PATH'
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
  grep -q " ./usr/share/fish/vendor_completions.d/shm-produce.fish -> ipcdemo.fish$" <<<"$output"
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

@test "control: Multi-Arch: foreign, and Built-Using names the exact sources built in" {
  build_package
  [ "$(dpkg-deb -f "$DEB" Multi-Arch)" = "foreign" ]
  local built_using source
  built_using=$(dpkg-deb -f "$DEB" Built-Using)
  # CLI11 and spdlog are compiled in from their headers in every build.
  local expected=(libcli11-dev libspdlog-dev)
  # fmt header-only, libstdc++ and libgcc static: the package's build.
  hardened_build && expected+=(libfmt-dev "$(dpkg-query -S "$(realpath "$(g++ -print-file-name=libstdc++.a)")" | cut -d: -f1)")
  for package in "${expected[@]}"; do
    source=$(dpkg-query -W -f='${source:Package} (= ${source:Version})' "$package")
    [[ ", $built_using," == *", $source,"* ]] || { echo "Built-Using: $built_using; missing $source"; return 1; }
  done
  if hardened_build; then
    # glibc is a shared library there: a dependency, not built in.
    [[ "$built_using" != *glibc* ]]
    [[ "$(dpkg-deb -f "$DEB" Depends)" == *libc6* ]]
  fi
}

@test "the package's build: hardening-check says yes to PIE, stack protector, fortify, RELRO, BIND_NOW" {
  hardened_build || skip "hardening is the package preset's (scripts/package, ctest --preset package)"
  command -v hardening-check >/dev/null || skip "hardening-check (devscripts) not installed"
  unpack
  run hardening-check "$ROOT/usr/bin/ipcdemo"
  local check
  for check in "Position Independent Executable" "Stack protected" "Fortify Source functions" \
               "Read-only relocations" "Immediate binding"; do
    grep -qE "^ $check: yes" <<<"$output" || { echo "$output"; echo "not yes: $check"; return 1; }
  done
}

@test "every man page: tbl asked for where there is a table, no warning, nothing wider than 80 columns" {
  command -v man >/dev/null || skip "man (man-db) not installed"
  unpack
  local page
  for page in "$ROOT"/usr/share/man/man1/*.1.gz; do
    [ -L "$page" ] && continue
    if zgrep -q '^\.TS' "$page"; then
      [ "$(zcat "$page" | head -1)" = "'\\\" t" ] || { echo "$page: a table, but no '\\\" t line"; return 1; }
    fi
    man_page_fits_80 "$page"
  done
}

@test "fish, typed into: a tool link's completion loads from vendor_completions.d by the link's name" {
  command -v fish >/dev/null && command -v tmux >/dev/null || skip "fish or tmux not installed"
  unpack
  # fish reads its vendor folders from XDG_DATA_DIRS. (The folder below exists,
  # so an interactive fish starts no background scan of the man pages.)
  mkdir -p "$TEST_DIR/.local/share/fish/generated_completions"
  tty_shell "set -x PATH $ROOT/usr/lib/ipcdemo/bin \$PATH" env XDG_DATA_DIRS="$ROOT/usr/share" fish
  tty_type "mmap-maps --an" Tab
  tty_type C-a "printf '<%s>\\n' " Enter
  tty_wait_for "<--anon>"
  tty_type "clear" Enter
  tty_type "shm-info --he" Tab
  tty_type C-a "printf '<%s>\\n' " Enter
  tty_wait_for "<--help>"
}

@test "reproducible: a second package of the same build is the same bytes" {
  build_package
  [ -n "${SOURCE_DATE_EPOCH:-}" ]
  cpack --config "$IPCDEMO_BUILD_DIR/CPackConfig.cmake" -B "$TEST_DIR/again" >"$TEST_DIR/cpack.log" 2>&1 ||
    { cat "$TEST_DIR/cpack.log"; return 1; }
  cmp "$DEB" "$TEST_DIR"/again/ipcdemo_*.deb
}
