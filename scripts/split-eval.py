#!/usr/bin/env python3
"""How well `ura split` finds the sentences of real text.

The development sets in ../shared/eval-dev are one sentence per line. This
joins each run of consecutive lines that end with sentence punctuation into
one paragraph (with a space, or with nothing for Chinese and Japanese),
splits the paragraphs with `ura split`, and counts the gold sentences that
come back exactly. Lines without final punctuation (headlines, captions)
are left out: joined into a paragraph they would not be sentences of it.

    scripts/split-eval.py [--show N] [SET ...]

A miss is not always an error of the splitter: the gold keeps some pairs of
sentences on one line, and some lines hold double spaces that the splitter
normalises. textberg_dev is tokenised (spaces before punctuation) and is
not read.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval import LANGS, ROOT, documents, read_lines  # noqa: E402

TERMINAL = re.compile(r"[.!?…。！？][\"»”’)\]]*$")
UNSPACED = ("zh", "ja")


def paragraphs(lines):
    """Runs of two or more consecutive lines that end a sentence."""
    runs, cur = [], []
    for line in lines + [""]:
        line = line.strip()
        if line and TERMINAL.search(line):
            cur.append(line)
            continue
        if len(cur) >= 2:
            runs.append(cur)
        cur = []
    return runs


def score(ura, path, lang, show):
    runs = paragraphs(read_lines(path))
    sep = "" if lang in UNSPACED else " "
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write("\n\n".join(sep.join(r) for r in runs) + "\n")
    out = subprocess.run([ura, "split", "--lang", lang, f.name], capture_output=True, text=True, check=True).stdout
    os.unlink(f.name)
    got = {g for g in out.split("\n") if g.strip()}
    want = [line for r in runs for line in r]
    missed = [w for w in want if w not in got]
    for w in missed[:show]:
        print(f"    missed: {w[:150]}")
    return len(want), len(want) - len(missed)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ura", default=os.path.join(ROOT, "target", "release", "ura"))
    ap.add_argument("--show", type=int, default=0, help="print up to N missed sentences per document")
    ap.add_argument("sets", nargs="*")
    args = ap.parse_args()
    base = os.path.join(ROOT, "..", "shared", "eval-dev")
    sets = args.sets or [os.path.join(base, n) for n in ("hunalign_dtm_huen", "mac_dev_zhen")]
    print("| set | side | language | sentences | found as in the gold |")
    print("|---|---|---|---|---|")
    for s in sets:
        name = os.path.basename(os.path.normpath(s))
        langs = LANGS.get(name, ("en", "sq"))
        for side, lang in zip(("source", "target"), langs):
            total = found = 0
            for _, src, tgt, _ in documents(s):
                t, f = score(args.ura, src if side == "source" else tgt, lang, args.show)
                total, found = total + t, found + f
            print(f"| {name} | {side} | {lang} | {total} | {found} ({found / max(total, 1):.1%}) |")


if __name__ == "__main__":
    main()
