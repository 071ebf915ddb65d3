#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# mq layout: the screenplay's struct msg as the C compiler lays it out here,
# beside ipcdemo's padding-free sample, and why a message must be flat.
load helpers

setup() { common_setup; }
teardown() { common_teardown; }

# The rows of the table under the title starting with $1: "offset size field" per line.
rows_of() {
  awk -v title="$1" 'index($0, title) == 1 {on = 1; next} on && /^  sizeof/ {print; exit} on && /^  [0-9]/ {print $1, $2, $3}' <<<"$output"
}

@test "the screenplay's struct msg: offsets, padding and sizeof agree with the C compiler" {
  command -v cc >/dev/null || skip "no C compiler"
  cat >"$TEST_DIR/msg.c" <<'C'
#include <stddef.h>
#include <stdio.h>
#include <time.h>
struct msg { int channel; time_t timestamp; double value; };
int main(void) {
  printf("%zu 4 channel\n%zu %zu (padding)\n%zu %zu timestamp\n%zu %zu value\n",
         offsetof(struct msg, channel), offsetof(struct msg, channel) + sizeof(int),
         offsetof(struct msg, timestamp) - sizeof(int), offsetof(struct msg, timestamp),
         sizeof(time_t), offsetof(struct msg, value), sizeof(double));
  printf("  sizeof %zu, alignof %zu\n", sizeof(struct msg), _Alignof(struct msg));
  return 0;
}
C
  cc -std=c11 -o "$TEST_DIR/msg" "$TEST_DIR/msg.c"
  run "$IPCDEMO" mq layout
  [ "$status" -eq 0 ]
  local ours theirs
  ours="$(rows_of "The screenplay's struct msg")"
  theirs="$("$TEST_DIR/msg")"
  # The table rows, and sizeof/alignof (ours goes on with the sum of the fields).
  [ "$(head -4 <<<"$ours")" = "$(head -4 <<<"$theirs")" ] || { echo "ours: $ours"; echo "cc: $theirs"; return 1; }
  [[ "$(tail -1 <<<"$ours")" == "$(tail -1 <<<"$theirs")"*": 20 bytes of fields + 4 of padding" ]]
  [[ "$output" == *"Why sizeof is 24, not 20"* ]]
}

@test "ipcdemo's sample has no padding, and the reason for flat structs is given" {
  run "$IPCDEMO" mq layout
  [ "$status" -eq 0 ]
  [ "$(rows_of "ipcdemo's sample")" = "$(printf '0 8 timestamp\n8 8 value\n16 4 channel\n20 4 reserved\n  sizeof 24, alignof 8: 24 bytes of fields, no padding')" ]
  [[ "$output" == *"20      4     (padding)  sizeof is a multiple of alignof (8)"* ]]
  # The prose is filled to the terminal: its words, whatever the line breaks.
  [[ "$(tr '\n' ' ' <<<"$output")" == *"Why a message must be flat (no pointers)"*"A pointer is an address in the sender's"* ]]
  # Every line fits 80 columns, and 50 when the terminal says so.
  ! grep -qE '^.{81}' <<<"$output"
  run env COLUMNS=50 "$IPCDEMO" mq layout
  ! grep -v '^  ' <<<"$output" | grep -qE '^.{51}'
}
