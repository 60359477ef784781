#!/usr/bin/env bash
# Runs every fuzz target (or those named after SECONDS) for SECONDS each
# (default 60), two at a time.
# Needs cargo-fuzz (`cargo install cargo-fuzz`); on a stable toolchain
# RUSTC_BOOTSTRAP=1 lets it use the sanitizer flags. Crashes land in
# fuzz/artifacts/<target>/; keep each as a regression test.
#
#   scripts/fuzz.sh 600              every target
#   scripts/fuzz.sh 600 docx odt     only those
# The document readers start from the fixtures (copied into their corpus
# when it is empty); pdf takes inputs up to 16 KiB (the small bad PDFs
# and past findings: the 45 kB LibreOffice PDFs run at a few executions a
# second under the sanitizer), the office and sheet readers up to 64 KiB.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
export RUSTC_BOOTSTRAP=1
all=(split align decode tmx_roundtrip html markdown docx odt sheet pdf subtitles)
if (($#)); then targets=("$@"); else targets=("${all[@]}"); fi
# The office readers are safe Rust: the address sanitizer would find
# nothing a panic does not, and makes them three times slower.
sanitizer() { case "$1" in docx | odt) echo none ;; *) echo address ;; esac; }
for t in "${targets[@]}"; do cargo fuzz build -s "$(sanitizer "$t")" "$t" >/dev/null; done
# The office readers start from the small document fixtures (LibreOffice
# and pandoc's; python-docx's carry a 350 KB style sheet): whole files (the
# first byte 0 picks the zip level) and their main XML parts (1).
seed() {
  local t=$1 ext=$2 part=$3 f
  [ -z "$(ls -A "fuzz/corpus/$t" 2>/dev/null)" ] || return 0
  mkdir -p "fuzz/corpus/$t"
  for f in tests/fixtures/unhcr/*.{lo,pandoc}."$ext" tests/fixtures/unhcr/*.lo.fodt; do
    [ -e "$f" ] || continue
    case "$f" in *.fodt) [ "$t" = odt ] || continue ;; esac
    { printf '\0'; cat "$f"; } > "fuzz/corpus/$t/$(basename "$f")"
    case "$f" in *.fodt) continue ;; esac
    { printf '\1'; unzip -p "$f" "$part"; } > "fuzz/corpus/$t/$(basename "$f").xml"
  done
}
seed docx docx word/document.xml
seed odt odt content.xml
# The sheet reader starts from ura's own XLSX, CSV, TSV and JSONL.
if [ -z "$(ls -A fuzz/corpus/sheet 2>/dev/null)" ]; then
  mkdir -p fuzz/corpus/sheet
  for ext in xlsx csv tsv jsonl; do
    cargo run -q --bin ura -- align data/unhcr/en.txt data/unhcr/sq.txt -q -o "fuzz/corpus/sheet/ura.$ext"
  done
fi
run() {
  local t=$1
  local max_len=4096
  mkdir -p "fuzz/corpus/$t"
  if [ -z "$(ls -A "fuzz/corpus/$t")" ]; then
    case $t in
      pdf) cp tests/fixtures/pdf/encrypted.pdf tests/fixtures/pdf/scan.pdf tests/fixtures/pdf/fuzz/*.pdf "fuzz/corpus/$t/" ;;
      subtitles) cp tests/fixtures/unhcr/*.srt tests/fixtures/unhcr/*.vtt "fuzz/corpus/$t/" ;;
    esac
  fi
  # Whole office files are tens of kilobytes.
  case "$t" in docx | odt | sheet) max_len=65536 ;; pdf) max_len=16384 ;; esac
  cargo fuzz run -s "$(sanitizer "$t")" "$t" -- -max_total_time="$seconds" -max_len="$max_len" -timeout=20 > "fuzz/$t.log" 2>&1 \
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
