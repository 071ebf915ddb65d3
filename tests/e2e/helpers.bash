# Shared set-up for the end-to-end tests: they run the real binary, named by
# IPCDEMO_BIN (ctest sets it), and keep every file they make in a private folder.
bats_require_minimum_version 1.5.0

IPCDEMO="${IPCDEMO_BIN:?set IPCDEMO_BIN to the ipcdemo binary}"

common_setup() {
  TEST_DIR="$(mktemp -d "${BATS_TMPDIR:-/tmp}/ipcdemo-test.XXXXXX")"
  unset IPCDEMO_LOG_LEVEL NO_COLOR
}

common_teardown() {
  rm -rf "$TEST_DIR"
}

# Links for every tool name, made by the binary itself.
install_links() {
  mkdir -p "$TEST_DIR/bin"
  "$IPCDEMO" --install "$TEST_DIR/bin" >/dev/null
}

# Waits (bounded) until process $1 sleeps in the kernel, i.e. is blocked.
wait_until_blocked() {
  local state
  for _ in $(seq 500); do
    state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
    [ "$state" = "S" ] && return 0
    sleep 0.01
  done
  return 1
}
