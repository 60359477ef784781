#!/usr/bin/env bash
# Time and peak memory of ura on very large hostile inputs (release build),
# measured with /usr/bin/time -v. Results go in the README.
#
#   scripts/hostile-scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import random, sys
work = sys.argv[1]
random.seed(1)
words = ["the", "lawyer", "met", "Dr.", "U.S.", "H.", "Khan", "on", "9.", "October", "...", "?!", "(a)", "x.y", "e.g.", "Tiranë", "ملل"]
out, n = [], 0
while n < 50_000_000:
    w = random.choice(words); out.append(w); n += len(w) + 1
open(f"{work}/line50mb.txt", "w", encoding="utf-8").write(" ".join(out))
open(f"{work}/million.txt", "w", encoding="utf-8").write("".join(f"word{k % 5000}\n" for k in range(1_000_000)))
open(f"{work}/million_sq.txt", "w", encoding="utf-8").write("".join(f"fjala{k % 5000}\n" for k in range(1_000_000)))
PY
measure() {
  local label=$1; shift
  /usr/bin/time -v "$@" > /dev/null 2> "$work/time.txt" || { echo "| $label | failed: $(tail -1 "$work/time.txt") |"; return; }
  local secs mem
  secs=$(grep "Elapsed (wall clock)" "$work/time.txt" | awk '{print $NF}')
  mem=$(grep "Maximum resident set size" "$work/time.txt" | awk '{printf "%.0f MB", $NF / 1024}')
  echo "| $label | $secs | $mem |"
}
echo "| case | wall time (m:ss) | peak RSS |"
echo "|---|---|---|"
measure "split: one 50 MB line" target/release/ura split --lang en "$work/line50mb.txt"
measure "split: 1,000,000 one-word lines" target/release/ura split --lang en "$work/million.txt"
measure "align: 1,000,000 one-word lines with 1,000,000" target/release/ura align --src-lang en --tgt-lang sq \
  "$work/million.txt" "$work/million_sq.txt" -f jsonl
