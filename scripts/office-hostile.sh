#!/usr/bin/env bash
# Time, peak memory and exit status of `ura split` (release build) on
# hostile and very large office documents, measured with /usr/bin/time -v:
# zip bombs (a part of one repeated letter, which inflates 1,000 times,
# and one of repeated paragraphs, some 300 times, both to 1 GiB), billion
# laughs, elements nested a million deep, and a large document (7.5 MB of
# text) against the same text as plain text (the peer in the same run).
#
#   scripts/office-hostile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import sys, zipfile
work = sys.argv[1]
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TYPES = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override '
         'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument'
         '.wordprocessingml.document.main+xml"/></Types>')

def docx(name, chunks):
    """A .docx whose document.xml is the concatenation of chunks (streamed)."""
    with zipfile.ZipFile(f"{work}/{name}", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", TYPES)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            for c in chunks:
                f.write(c.encode())

GIB = 1 << 30
def letters():
    yield f"<w:document {W}><w:body><w:p><w:r><w:t>"
    block = "a" * (1 << 20)
    for _ in range(GIB // len(block)):
        yield block
    yield "</w:t></w:r></w:p></w:body></w:document>"
docx("en.letters.docx", letters())

def paragraphs():
    yield f"<w:document {W}><w:body>"
    para = "<w:p><w:r><w:t>The lawyer met the officials in Tirana on 9 October.</w:t></w:r></w:p>" * 1000
    for _ in range(GIB // len(para)):
        yield para
    yield "</w:body></w:document>"
docx("en.paragraphs.docx", paragraphs())

laughs = "".join(f'<!ENTITY l{k} "{"&l%d;" % (k - 1) * 10}">' for k in range(1, 10))
docx("en.laughs.docx", [f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "lol">{laughs}]>'
                        f'<w:document {W}><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>'])

def deep():
    yield f"<w:document {W}><w:body>"
    yield "<w:sdt><w:sdtContent>" * 1_000_000
    yield "</w:sdtContent></w:sdt>" * 1_000_000
    yield "</w:body></w:document>"
docx("en.deep.docx", deep())

# A large document: the bundled text 800 times, as paragraphs, its words
# shuffled in each copy (so that it compresses as real text does, some
# five times, not as one text repeated).
import html, random
rng = random.Random(1)
paras = [p.strip() for p in open("data/unhcr/en.txt", encoding="utf-8").read().split("\n\n") if p.strip()]
copies = []
for _ in range(800):
    for p in paras:
        words = p.split()
        rng.shuffle(words)
        copies.append(" ".join(words) + ".")
body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{html.escape(p, quote=False)}</w:t></w:r></w:p>" for p in copies)
docx("en.large.docx", [f"<w:document {W}><w:body>", body, "</w:body></w:document>"])
open(f"{work}/en.large.txt", "w", encoding="utf-8").write("\n\n".join(copies) + "\n")
PY
measure() {
  local label=$1 file=$2
  local status=0
  /usr/bin/time -v target/release/ura split "$file" > /dev/null 2> "$work/time.txt" || status=$?
  local secs mem size msg
  secs=$(grep "Elapsed (wall clock)" "$work/time.txt" | awk '{print $NF}')
  mem=$(grep "Maximum resident set size" "$work/time.txt" | awk '{printf "%.0f MB", $NF / 1024}')
  size=$(du -k "$file" | awk '{printf "%.0f KB", $1}')
  msg=$(grep '^ura: ' "$work/time.txt" | head -1 | cut -c1-110 || true)
  echo "| $label | $size | exit $status | $secs | $mem | ${msg:--} |"
}
echo "| case | file | exit | wall time (m:ss) | peak RSS | message |"
echo "|---|---|---|---|---|---|"
measure "bomb: 1 GiB of one letter" "$work/en.letters.docx"
measure "bomb: 1 GiB of paragraphs" "$work/en.paragraphs.docx"
measure "billion laughs" "$work/en.laughs.docx"
measure "nested 1,000,000 deep" "$work/en.deep.docx"
measure "large document (.docx)" "$work/en.large.docx"
measure "the same as plain text" "$work/en.large.txt"
