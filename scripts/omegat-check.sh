#!/usr/bin/env bash
# Shows that OmegaT 3.6 (Debian's `omegat`) loads ura's TMX: it aligns the
# bundled pair to TMX, puts it in the tm/auto/ folder of a tiny OmegaT
# project whose source file holds English sentences of the pair, runs
# OmegaT headless (console-translate), and checks that the target file is
# filled with the Albanian sentences from the TMX. Not part of CI (it
# installs Java and OmegaT); run it by hand:
#
#   scripts/omegat-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v omegat >/dev/null || { apt-get update -qq && apt-get install -y -qq omegat >/dev/null; }
cargo build --release --quiet
proj=$(mktemp -d)
trap 'rm -rf "$proj"' EXIT
mkdir -p "$proj"/{source,target,tm/auto,glossary,dictionary,omegat,.cfg}
target/release/ura align data/unhcr/en.txt data/unhcr/sq.txt -o "$proj/tm/auto/unhcr.tmx" 2>/dev/null
# Source: the English side of 1-1 beads that OmegaT's own segmentation
# keeps whole (no period inside), one paragraph each.
target/release/ura align data/unhcr/en.txt data/unhcr/sq.txt -f jsonl | python3 -c '
import json, sys
pairs = [json.loads(l) for l in sys.stdin]
keep = [p for p in pairs if p["bead"] == "1-1" and "." not in p["src"][:-1]][:12]
open(sys.argv[1], "w", encoding="utf-8").write("\n\n".join(p["src"] for p in keep) + "\n")
open(sys.argv[2], "w", encoding="utf-8").write("\n\n".join(p["tgt"] for p in keep) + "\n")
' "$proj/source/en.txt" "$proj/expected.txt"
cat > "$proj/omegat.project" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<omegat>
  <project version="1.0">
    <source_dir>source/</source_dir>
    <target_dir>target/</target_dir>
    <tm_dir>tm/</tm_dir>
    <glossary_dir>glossary/</glossary_dir>
    <glossary_file>glossary/glossary.txt</glossary_file>
    <dictionary_dir>dictionary/</dictionary_dir>
    <source_lang>EN</source_lang>
    <target_lang>SQ</target_lang>
    <sentence_seg>true</sentence_seg>
  </project>
</omegat>
XML
java -Djava.awt.headless=true -jar /usr/share/omegat/OmegaT.jar "$proj" --mode=console-translate \
  --config-dir="$proj/.cfg" --disable-project-locking --no-team > "$proj/omegat.out" 2>&1 || true
log=$(cat "$proj/omegat.out" "$proj"/.cfg/logs/*.log 2>/dev/null || true)
if grep -q "TF_TM_LOAD_ERROR\|TMXR_WARNING" <<<"$log"; then
  echo "OmegaT could not load the TMX:"; grep "TF_TM_LOAD_ERROR\|TMXR_WARNING" <<<"$log"; exit 1
fi
expected=$(grep -c . "$proj/expected.txt")
filled=$(grep -Fxf <(grep . "$proj/expected.txt") "$proj/target/en.txt" | wc -l)
echo "OmegaT filled $filled of $expected segments of target/en.txt from ura's TMX"
[ "$filled" -eq "$expected" ]
