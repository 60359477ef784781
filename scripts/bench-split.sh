#!/usr/bin/env bash
# `ura split` as a command against a minimal program that prints the
# sentences of the `sentencex` crate (crates.io), on the same ~10 MB
# English file, timed side by side in one run; prints each median wall
# time, the ratio (sentencex / ura: above 1 means ura is faster) and the
# peak memory of each.
#
#   scripts/bench-split.sh [RUNS] [FILE]     (default: 7 runs; FILE built)
#
# The file is data/unhcr/en.txt and the English sides of the dev sets in
# ../shared/eval-dev (when present, joined into paragraphs of 8
# sentences) repeated to 10 MB, in a temporary directory. The sentencex program is built under target/bench-split/.
# Timing uses hyperfine when it is installed, else /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

file=${2:-}
if [ -z "$file" ]; then
  file=$work/en.txt
  python3 - "$file" <<'PY'
import os, sys
parts = [open("data/unhcr/en.txt", encoding="utf-8").read()]
for name in ("hunalign_dtm_huen", "mac_dev_zhen"):
    path = os.path.join("..", "shared", "eval-dev", name, "tgt.txt")
    if os.path.exists(path):
        # One sentence a line there: prose has paragraphs, of 8 here.
        lines = [l for l in open(path, encoding="utf-8").read().split("\n") if l.strip()]
        parts.append("\n\n".join(" ".join(lines[i:i + 8]) for i in range(0, len(lines), 8)))
text = "\n\n".join(parts) + "\n\n"
target = 10 * 1024 * 1024
open(sys.argv[1], "w", encoding="utf-8").write(text * (target // len(text.encode()) + 1))
PY
fi

peer=target/bench-split
mkdir -p "$peer/src"
cat > "$peer/Cargo.toml" <<'TOML'
[package]
name = "sentencex-split"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
sentencex = "=0.1.33"

[profile.release]
lto = true
codegen-units = 1

[workspace]
TOML
cat > "$peer/src/main.rs" <<'RS'
use std::io::Write;

fn main() {
    let path = std::env::args().nth(1).expect("usage: sentencex-split FILE");
    let text = std::fs::read_to_string(path).expect("read");
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for s in sentencex::segment("en", &text) {
        let s = s.trim();
        if !s.is_empty() {
            writeln!(out, "{s}").expect("write");
        }
    }
}
RS
cargo build --release --quiet --manifest-path "$peer/Cargo.toml"
cargo build --release --quiet
sx=$peer/target/release/sentencex-split
ura=target/release/ura
printf 'input: %s bytes\n' "$(wc -c < "$file")"

if command -v hyperfine > /dev/null; then
  hyperfine --warmup 1 --runs "$runs" \
    -n ura "$ura split --lang en $file > $work/ura.out" \
    -n sentencex "$sx $file > $work/sx.out"
fi

# Median wall seconds of RUNS runs (after one warm-up) and peak RSS.
measure() {
  local out=$1; shift
  "$@" > "$out"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$work/t" "$@" > "$out"
    cat "$work/t"
  done | sort -n | awk '{ t[NR] = $1; m = ($2 > m ? $2 : m) }
    END { printf "%s %d\n", t[int((NR + 1) / 2)], m }'
}
read -r ura_t ura_m < <(measure "$work/ura.out" "$ura" split --lang en "$file")
read -r sx_t sx_m < <(measure "$work/sx.out" "$sx" "$file")
printf '| program | median wall s | peak RSS MB | sentences |\n|---|---|---|---|\n'
printf '| ura split | %s | %d | %d |\n' "$ura_t" $((ura_m / 1024)) "$(wc -l < "$work/ura.out")"
printf '| sentencex | %s | %d | %d |\n' "$sx_t" $((sx_m / 1024)) "$(wc -l < "$work/sx.out")"
awk -v a="$sx_t" -v b="$ura_t" 'BEGIN { printf "ratio sentencex/ura: %.2f (above 1: ura is faster)\n", a / b }'
