#!/usr/bin/env bats
# cmake/CLI11Copy.cmake, in script mode: the copy of CLI11's headers the build
# uses holds no <iostream>, no standard stream and no trim by locale, changes
# nothing else, and any CLI11 whose text is not the known one stops the
# configure with a message, never a silent fallback. CLI11 is the one the build
# was configured with (IPCDEMO_CLI11_INCLUDE_DIR, set by ctest): Debian 12's 2.1,
# Debian 13's 2.4, or a tree given with -DIPCDEMO_CLI11_INCLUDE_DIR.
bats_require_minimum_version 1.5.0

setup() {
  INSTALLED="${IPCDEMO_CLI11_INCLUDE_DIR:?set IPCDEMO_CLI11_INCLUDE_DIR to the include directory of CLI11}"
  SCRIPT="$BATS_TEST_DIRNAME/../../cmake/CLI11Copy.cmake"
  TEST_DIR="$(mktemp -d "${BATS_TMPDIR:-/tmp}/ipcdemo-cli11.XXXXXX")"
}

teardown() { rm -rf "$TEST_DIR"; }

copy() { "${CMAKE:-cmake}" -DFROM="$1" -DTO="$2" -P "$SCRIPT"; }
# CMake wraps a message's lines: $output with every run of white space one space.
flat() { tr -s ' \n' '  ' <<<"$output"; }

# A tree of the installed CLI11 to alter.
altered_tree() {
  mkdir -p "$TEST_DIR/tree"
  cp -r "$INSTALLED/CLI" "$TEST_DIR/tree/"
}

version() { sed -n 's/^#define CLI11_VERSION "\(.*\)"/\1/p' "$INSTALLED/CLI/Version.hpp"; }

@test "the copy holds no <iostream>, no standard stream object and no trim by locale" {
  run -0 copy "$INSTALLED" "$TEST_DIR/copy"
  [[ "$output" == *"CLI11 $(version): headers copied"* ]]
  run -1 grep -rnE '#[[:space:]]*include[[:space:]]*<iostream>|std::w?(cout|cerr|clog|cin)\b|isspace<char>\(ch, std::locale\(\)\)' \
    "$TEST_DIR/copy/CLI"
  # What they became: ipcdemo's streams and the locale-free test, each somewhere.
  grep -rqF '#include "cli/cli11_streams.hpp"' "$TEST_DIR/copy/CLI"
  grep -rqF '::ipcdemo::cli::cli11_stdout()' "$TEST_DIR/copy/CLI"
  grep -rqF '::ipcdemo::cli::cli11_stderr()' "$TEST_DIR/copy/CLI"
  grep -rqF "(ch == ' ' || (ch >= '\t' && ch <= '\r'))" "$TEST_DIR/copy/CLI"
}

@test "the copy changes only the lines that include <iostream>, name std::cout or std::cerr, or trim" {
  run -0 copy "$INSTALLED" "$TEST_DIR/copy"
  # Every header is there (subfolders too), and every line diff shows is one of ours.
  diff <(cd "$INSTALLED/CLI" && find . -name '*.hpp' | sort) <(cd "$TEST_DIR/copy/CLI" && find . -name '*.hpp' | sort)
  run diff -r "$INSTALLED/CLI" "$TEST_DIR/copy/CLI"
  [ "$status" -eq 1 ]
  local line changed=0
  local ours='#include <iostream>|std::cout|std::cerr|std::isspace<char>\(ch, std::locale\(\)\)'
  while IFS= read -r line; do
    case "$line" in
      '< '*) [[ "$line" =~ $ours ]] ||
        { echo "changed: $line"; return 1; } ;;
      '> '*) changed=$((changed + 1)) ;;
    esac
  done <<<"$output"
  echo "$changed lines changed"
  [ "$changed" -ge 10 ]
}

@test "a second copy from the same headers rewrites none of them (no rebuild), and removes what another version left" {
  run -0 copy "$INSTALLED" "$TEST_DIR/copy"
  touch "$TEST_DIR/copy/CLI/impl-of-another-version.hpp"
  touch -d '2000-01-01' "$TEST_DIR/copy/CLI/App.hpp"
  run -0 copy "$INSTALLED" "$TEST_DIR/copy"
  [ "$(stat -c %Y "$TEST_DIR/copy/CLI/App.hpp")" = "$(date -d 2000-01-01 +%s)" ]
  [ ! -e "$TEST_DIR/copy/CLI/impl-of-another-version.hpp" ]
}

@test "a trim that is not the known text stops the copy, naming the version, the header and the count" {
  altered_tree
  local header
  header=$(grep -rlF 'std::isspace<char>(ch, std::locale())' "$TEST_DIR/tree/CLI")
  # One of the three trims written another way: the other two must not be changed alone.
  sed -i '0,/std::isspace<char>(ch, std::locale())/s//std::isspace(ch, std::locale())/' "$header"
  run -1 copy "$TEST_DIR/tree" "$TEST_DIR/copy"
  [[ "$(flat)" == *"CLI11 $(version) ($TEST_DIR/tree): CLI/${header#"$TEST_DIR/tree/CLI/"} holds 2 of the 3 expected \"std::isspace<char>(ch, std::locale())\""* ]]
  [[ "$(flat)" == *"CLI11 2.1 (Debian 12) and 2.4 (Debian 13)"* ]]
  [ ! -e "$TEST_DIR/copy/CLI" ]
}

@test "a new use of a standard stream anywhere stops the copy" {
  altered_tree
  printf '%s\n' 'inline void ipcdemo_test_print() { std::clog << "x"; }' >>"$TEST_DIR/tree/CLI/Formatter.hpp"
  run -1 copy "$TEST_DIR/tree" "$TEST_DIR/copy"
  [[ "$(flat)" == *'CLI/Formatter.hpp still holds "std::clog '* ]]
}

@test "a header that no longer includes <iostream> stops the copy too: the list of changes is exact" {
  altered_tree
  sed -i 's/#include <iostream>/#include <ostream>/' "$TEST_DIR/tree/CLI/Config.hpp"
  run -1 copy "$TEST_DIR/tree" "$TEST_DIR/copy"
  [[ "$(flat)" == *'CLI/Config.hpp holds 0 of the 1 expected "#include <iostream>"'* ]]
}

@test "a CLI11 of neither known shape stops the copy, naming its version" {
  mkdir -p "$TEST_DIR/tree/CLI"
  printf '#define CLI11_VERSION "9.9.9"\n' >"$TEST_DIR/tree/CLI/Version.hpp"
  printf '#include "Version.hpp"\n' >"$TEST_DIR/tree/CLI/CLI.hpp"
  run -1 copy "$TEST_DIR/tree" "$TEST_DIR/copy"
  [[ "$(flat)" == *"CLI11 9.9.9 ($TEST_DIR/tree): neither CLI/StringTools.hpp (CLI11 2.1) nor CLI/impl/StringTools_inl.hpp (2.4)"* ]]
  [[ "$(flat)" == *"-DIPCDEMO_CLI11_INCLUDE_DIR=DIR"* ]]
}
