#!/usr/bin/env bash
# Batch throughput (sentence pairs per second) on 1,000+ document pairs,
# ura with --jobs 1 and with all cores, beside the galechurch PyPI package
# (align_corpus, all cores) on the same pre-split corpus in the same run.
#
#   scripts/bench-batch.sh [PAIRS] [BEADS]    (defaults 1200, 50)
#
# The corpus: the three development sets in ../shared/eval-dev cut into
# documents of about BEADS gold beads, cycled to PAIRS documents; ura
# takes each pair from a manifest whose file names carry its languages
# (d00001.hu.txt), as a corpus builder's files do, galechurch the same
# texts from two folders.
# galechurch's time per document grows with the square of its length,
# ura's linearly, so the ratio depends on BEADS.
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-1200}
beads=${2:-50}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
python3 -c "import galechurch" 2>/dev/null || pip install --quiet galechurch
python3 - "$work" "$pairs" "$beads" <<'PY'
import os, sys, tempfile
sys.path.insert(0, "scripts")
from eval import LANGS, cut_documents, documents, read_lines
work, pairs, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
base = "../shared/eval-dev"
docs = []
for name in sorted(os.listdir(base)):
    if os.path.isdir(os.path.join(base, name, "docs")):
        # Cut at gold bead boundaries where both sides move forward (as
        # `scripts/eval.py --cut` does); pieces with an empty side are left out.
        for _, src, tgt, _ in cut_documents(documents(os.path.join(base, name)), size, tempfile.mkdtemp()):
            s, t = read_lines(src), read_lines(tgt)
            if s and t:
                docs.append((s, t, LANGS.get(name, ("de", "fr"))))
for d in ("src", "tgt", "named/src", "named/tgt"):
    os.makedirs(f"{work}/{d}")
n_src = 0
manifest = ["src,tgt,out"]
for k in range(pairs):
    s, t, (sl, tl) = docs[k % len(docs)]
    open(f"{work}/src/d{k:05}.txt", "w", encoding="utf-8").write("\n".join(s) + "\n")
    open(f"{work}/tgt/d{k:05}.txt", "w", encoding="utf-8").write("\n".join(t) + "\n")
    # ura reads each pair's languages from its names, as a corpus
    # builder's files carry them (the same files, linked).
    os.link(f"{work}/src/d{k:05}.txt", f"{work}/named/src/d{k:05}.{sl}.txt")
    os.link(f"{work}/tgt/d{k:05}.txt", f"{work}/named/tgt/d{k:05}.{tl}.txt")
    manifest.append(f"src/d{k:05}.{sl}.txt,tgt/d{k:05}.{tl}.txt,d{k:05}.jsonl")
    n_src += len(s)
open(f"{work}/named/manifest.csv", "w", encoding="utf-8").write("\n".join(manifest) + "\n")
open(f"{work}/n_src", "w").write(str(n_src))
PY
n_src=$(cat "$work/n_src")
secs() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }
# Every run writes into a folder of its own that nothing was deleted
# from: on ext4, creating files just after deleting as many costs about
# up to 1 ms of system time a file (the inode allocator skips recently
# freed ones), which a run after `rm -rf` of the last one's output would
# pay and galechurch's run would not.
run_ura() {
  local out=$1
  shift
  secs target/release/ura batch --manifest "$work/named/manifest.csv" \
    --presegmented --out-dir "$work/$out" -f jsonl --quiet "$@"
}
read -r t1 m1 <<< "$(run_ura out1 --jobs 1)"
read -r tn mn <<< "$(run_ura outn)"
read -r tg mg <<< "$(secs python3 -c "
import galechurch, sys
galechurch.align_corpus('$work/src', '$work/tgt', '$work/gc', max_block_size=10**10)
")"
rate() { python3 -c "print(f'{$n_src / max($1, 1e-9):,.0f}')"; }
echo "$pairs document pairs of about $beads gold beads, $n_src source sentences ($(nproc) cores):"
echo "| aligner | time | source sentences/s | peak RSS |"
echo "|---|---|---|---|"
echo "| ura batch --jobs 1 | ${t1} s | $(rate "$t1") | $((m1 / 1024)) MB |"
echo "| ura batch (all cores) | ${tn} s | $(rate "$tn") | $((mn / 1024)) MB |"
echo "| galechurch align_corpus (all cores) | ${tg} s | $(rate "$tg") | $((mg / 1024)) MB |"
