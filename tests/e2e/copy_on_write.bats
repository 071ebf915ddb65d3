#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# MAP_PRIVATE versus MAP_SHARED: a write into a private mapping copies the page;
# the writer sees its values, the file and every other process do not.
load ipc_helpers

@test "mmap cow: the private page turns from the file's into our own, the file keeps its bytes" {
  printf 'hello world\nsecond line\n' >"$TEST_DIR/file"
  chmod 0444 "$TEST_DIR/file"
  local before
  before="$(sha256sum <"$TEST_DIR/file")"
  run --separate-stderr "$IPCDEMO" -v mmap cow "$TEST_DIR/file" --write HOWDY
  [ "$status" -eq 0 ] || { echo "$output $stderr"; return 1; }
  # Opened read-only, mapped twice.
  [[ "$stderr" == *"open(\"$TEST_DIR/file\", O_RDONLY|O_NONBLOCK) = "* ]]
  [[ "$stderr" =~ mmap\(NULL,\ 24,\ PROT_READ,\ MAP_SHARED, ]]
  [[ "$stderr" =~ mmap\(NULL,\ 24,\ PROT_READ\|PROT_WRITE,\ MAP_PRIVATE, ]]
  # Before the write: the file's page, mapped by both mappings; after: a private copy.
  [[ "$output" == *'private mapping reads "hello world"'*"its page (/proc/self/smaps): Rss 4 kB = Shared_"* ]]
  [[ "$output" == *'private mapping reads "HOWDY world"'*"its page (/proc/self/smaps): Rss 4 kB = Private_Dirty 4 kB (Anonymous 4 kB)"* ]]
  [[ "$output" == *'shared mapping reads  "hello world"'* ]]
  [[ "$output" == *'the file, by read(2): "hello world"'* ]]
  [ "$(sha256sum <"$TEST_DIR/file")" = "$before" ]
}

@test "mmap cow refuses an empty file, a FIFO and an empty --write with a usage error" {
  : >"$TEST_DIR/empty"
  run --separate-stderr "$IPCDEMO" mmap cow "$TEST_DIR/empty"
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"size 0: there is nothing to map"* ]]
  run --separate-stderr "$IPCDEMO" mmap cow --write ''
  [ "$status" -eq 2 ]
  # A FIFO is refused before it is opened (opening it would wait for a writer).
  mkfifo "$TEST_DIR/fifo"
  run --separate-stderr timeout 10 "$IPCDEMO" mmap cow "$TEST_DIR/fifo"
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"not a regular file"* ]]
}

@test "shm produce --private counts in its own copy: the segment and a consumer see none of it" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  "$IPCDEMO" shm produce "$SHM" --count 2 --interval 0 >/dev/null 2>&1
  # A consumer in another process, mapping the segment MAP_SHARED all along.
  background "$IPCDEMO" shm consume "$SHM" --changes --interval 10ms >"$TEST_DIR/consumer" 2>/dev/null
  local consumer=$BG i
  for ((i = 0; i < 500; i++)); do [ -s "$TEST_DIR/consumer" ] && break; sleep 0.01; done
  run --separate-stderr "$IPCDEMO" -v shm produce "$SHM" --private --count 3 --interval 0
  [ "$status" -eq 0 ]
  # The writer sees its own values...
  [ "$output" = "$(seq 3 5)" ]
  [[ "$stderr" == *"lib: shm_open(\"$SHM\", O_RDONLY) = "* ]]
  [[ "$stderr" =~ mmap\(NULL,\ 16,\ PROT_READ\|PROT_WRITE,\ MAP_PRIVATE, ]]
  # The consumer maps the page too: Shared before; after the write a copy of our own.
  [[ "$stderr" == *"--private: before our first write, the counter's page: Rss 4 kB = Shared_"*", Anonymous 0 kB: the segment's own page"* ]]
  [[ "$stderr" == *"--private: after it: Rss 4 kB = Private_Dirty 4 kB, Anonymous 4 kB: a copy of our own"* ]]
  [[ "$stderr" == *"--private: our copy says counter 5 of 5 attempted"*"the segment itself, which no write of ours reached: counter 2 of 2 attempted"* ]]
  # ...the segment does not...
  run "$IPCDEMO" shm info "$SHM"
  [[ "$output" == *$'counter: 2\nattempts: 2'* ]]
  # ...and neither does the consumer, which printed 2 and nothing since.
  kill -TERM "$consumer"
  wait_status "$consumer"
  [ "$(cat "$TEST_DIR/consumer")" = 2 ]
}

@test "shm produce --private alone: the segment's page is Private too before the write, Anonymous tells the copy" {
  "$IPCDEMO" shm create "$SHM" >/dev/null
  "$IPCDEMO" -q shm produce "$SHM" --count 1 --interval 0 >/dev/null # its page is written: dirty
  run --separate-stderr "$IPCDEMO" shm produce "$SHM" --private --count 1 --interval 0
  [ "$status" -eq 0 ]
  [[ "$stderr" == *"before our first write, the counter's page: Rss 4 kB = Private_Dirty 4 kB, Anonymous 0 kB: the segment's own page"* ]]
  [[ "$stderr" == *"after it: Rss 4 kB = Private_Dirty 4 kB, Anonymous 4 kB: a copy of our own"* ]]
}
