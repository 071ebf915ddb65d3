# Shared by the bench scripts: build the release binary and the C twins, and
# turn hyperfine's JSON into ratios against the baseline of the same run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
IPCDEMO=${IPCDEMO:-$ROOT/build/release/src/ipcdemo}
TWINS=$ROOT/build/bench-c

build_all() {
  "$ROOT/scripts/install-deps"
  command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine >/dev/null
  cmake --preset release >/dev/null
  cmake --build --preset release >/dev/null
  mkdir -p "$TWINS"
  for source in "$ROOT"/bench/c/*.c; do
    cc -O2 -Wall -o "$TWINS/$(basename "$source" .c)" "$source" -lpthread -lrt
  done
}

# ratio JSON NAME_A NAME_B: mean time of A / mean time of B, from hyperfine's JSON.
ratio() {
  python3 - "$@" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
a, b = results[sys.argv[2]], results[sys.argv[3]]
print(f'{a["mean"] / b["mean"]:.2f}')
PY
}

machine() {
  echo "$(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), Linux $(uname -r)"
}
