#!/usr/bin/env bash
# Makes the document fixtures under tests/fixtures/ from the bundled pair
# (data/unhcr/en.txt, sq.txt), with real producers: LibreOffice headless,
# pandoc, python-docx, poppler-utils. The tests read the committed files
# and need none of these programs; run this only to remake them.
#
# Step 1 (here): tests/fixtures/unhcr/{en,sq}.html, a plain HTML page per
# side (the first paragraph as <h1>, every other as <p>), which the
# producers convert. Then every scripts/fixtures/*.sh runs in name order,
# each making the fixtures of one group of formats from those pages.
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/fixtures/unhcr
mkdir -p "$out"
for lang in en sq; do
  python3 - "data/unhcr/$lang.txt" "$out/$lang.html" "$lang" <<'PY'
import html, sys
src, dst, lang = sys.argv[1:]
paras = [p.strip() for p in open(src, encoding="utf-8").read().split("\n\n") if p.strip()]
body = []
for k, p in enumerate(paras):
    tag = "h1" if k == 0 else "p"
    body.append(f"<{tag}>{html.escape(p, quote=False)}</{tag}>")
page = f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{html.escape(paras[0], quote=False)}</title>
</head>
<body>
{chr(10).join(body)}
</body>
</html>
"""
open(dst, "w", encoding="utf-8").write(page)
PY
done
for step in scripts/fixtures/*.sh; do
  [ -e "$step" ] || continue
  echo "== $step"
  bash "$step"
done
