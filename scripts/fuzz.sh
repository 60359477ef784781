#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60), two at a time.
# Needs cargo-fuzz (`cargo install cargo-fuzz`); on a stable toolchain
# RUSTC_BOOTSTRAP=1 lets it use the sanitizer flags. Crashes land in
# fuzz/artifacts/<target>/; keep each as a regression test.
#
#   scripts/fuzz.sh 600
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
export RUSTC_BOOTSTRAP=1
targets=(split align decode tmx_roundtrip html markdown)
for t in "${targets[@]}"; do cargo fuzz build "$t" >/dev/null; done
run() {
  local t=$1
  mkdir -p "fuzz/corpus/$t"
  cargo fuzz run "$t" -- -max_total_time="$seconds" -max_len=4096 -timeout=20 > "fuzz/$t.log" 2>&1 \
    && echo "$t: ok ($(grep -o 'Done [0-9]* runs' "fuzz/$t.log" | tail -1))" \
    || { echo "$t: FAILED, see fuzz/$t.log and fuzz/artifacts/$t/"; return 1; }
}
status=0
for ((k = 0; k < ${#targets[@]}; k += 2)); do
  run "${targets[k]}" & a=$!
  if ((k + 1 < ${#targets[@]})); then run "${targets[k + 1]}" & b=$!; else b=; fi
  wait "$a" || status=1
  [ -z "$b" ] || wait "$b" || status=1
done
exit $status
