#!/usr/bin/env bash
# Aligner speed and peak memory on long single documents, beside two
# peers run on the same pre-split sentences in the same run: the
# `galechurch` PyPI package (a Rust Gale-Church, length only) and
# hunalign without a dictionary (its WebAssembly build under Node, see
# scripts/hunalign.sh; the native build is about 2× faster).
#
#   scripts/bench-align.sh [SIZES...]        (default: 1000 10000 100000)
#
# The documents are the Text+Berg dev pair (de-fr) from ../shared/eval-dev
# repeated to N source sentences (target sentences in the pair's ratio).
# galechurch is skipped above 10,000 sentences: its full DP needs O(n·m)
# memory (about 10 GB and half an hour at 100k, per its own benchmark);
# hunalign above 40,000 (it takes 98 s and 1.9 GB at 36,000 here, and
# gives no result at 100k).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000 100000}")
read -r -a sizes <<< "${sizes[*]}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
python3 -c "import galechurch" 2>/dev/null || pip install --quiet galechurch
scripts/hunalign.sh /dev/null /dev/null > /dev/null   # installs it once
python3 - "$work" "${sizes[@]}" <<'PY'
import sys
work, sizes = sys.argv[1], [int(s) for s in sys.argv[2:]]
base = "../shared/eval-dev/textberg_dev"
src = open(base + "/src.txt", encoding="utf-8").read().splitlines()
tgt = open(base + "/tgt.txt", encoding="utf-8").read().splitlines()
for n in sizes:
    reps = n // len(src) + 1
    open(f"{work}/{n}.src", "w", encoding="utf-8").write("\n".join((src * reps)[:n]) + "\n")
    open(f"{work}/{n}.tgt", "w", encoding="utf-8").write("\n".join((tgt * reps)[: n * len(tgt) // len(src)]) + "\n")
PY
cat > "$work/gc.py" <<'PY'
import sys, galechurch
src = open(sys.argv[1], encoding="utf-8").read().splitlines()
tgt = open(sys.argv[2], encoding="utf-8").read().splitlines()
print(len(galechurch.align(src, tgt, max_block_size=10**11).beads), file=sys.stderr)
PY
echo "| sentences | ura time | ura peak RSS | galechurch time | galechurch peak RSS | hunalign (wasm) time | hunalign peak RSS |"
echo "|---|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  ura=$( { /usr/bin/time -f "%e s | %M" target/release/ura align --presegmented --src-lang de --tgt-lang fr \
      "$work/$n.src" "$work/$n.tgt" -f jsonl > /dev/null; } 2>&1 | tail -1)
  if [ "$n" -le 10000 ]; then
    gc=$( { /usr/bin/time -f "%e s | %M" python3 "$work/gc.py" "$work/$n.src" "$work/$n.tgt"; } 2>&1 | tail -1) || gc="failed | -"
  else
    gc="skipped | -"
  fi
  if [ "$n" -le 40000 ]; then
    hun=$( { /usr/bin/time -f "%e s | %M" scripts/hunalign.sh "$work/$n.src" "$work/$n.tgt" > /dev/null; } 2>&1 | tail -1) || hun="failed | -"
  else
    hun="skipped | -"
  fi
  fmt() { awk -F' \\| ' '{ if ($2 == "-") print $1 " | -"; else printf "%s | %.0f MB\n", $1, $2 / 1024 }'; }
  echo "| $n | $(echo "$ura" | fmt) | $(echo "$gc" | fmt) | $(echo "$hun" | fmt) |"
done
