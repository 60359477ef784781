#!/usr/bin/env python3
"""Overhead of the Python package over the command: aligner time on the
development sets through `ura.align_many` / `ura.align` against `ura
batch --jsonl -`, process start and model loading excluded.

    cargo build --release && pip install ./python
    scripts/bench-python.py [--repeat R] [--rounds K] [--ura target/release/ura]

The corpus is the development sets (../shared/eval-dev, read in place:
8 documents, 2,512 source sentences), each document pre-segmented, with
its languages. Each side runs it R and 2R times over on one thread
(RAYON_NUM_THREADS=1, jobs=1: the aligner's stages use rayon's pool too,
and the two cores of the machine are shared) and the time of R
copies is t(2R) - t(R): what starting the process, loading the language
models and reading the input cost is the same in both runs and cancels.
The best of K rounds is kept (each round runs every route). Times are
CPU seconds (user and system: the child's for the command, the process's
for Python), not wall time: on a shared 2-core machine wall time swings
by half from one run to the next, CPU time far less. The command reads the documents as JSON
lines on stdin (`ura batch --jsonl - --presegmented`, one process);
Python gets them as texts with `presegmented=True` (the same work: read,
split into lines, align, format the beads) and, as a second figure, as
lists of sentences.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

# One thread on both sides: the aligner's own stages run on rayon's global
# pool, whose size this sets (align_many's jobs=1 is a pool of one).
os.environ["RAYON_NUM_THREADS"] = "1"

import ura  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LANGS = {"textberg_dev": ("de", "fr"), "hunalign_dtm_huen": ("hu", "en"), "mac_dev_zhen": ("zh", "en")}


def documents(base):
    docs = []
    for name, (sl, tl) in sorted(LANGS.items()):
        folder = base / name / "docs"
        for src in sorted(folder.glob("*.src")):
            tgt = src.with_suffix(".tgt")
            docs.append(
                {
                    "id": f"{name}/{src.stem}",
                    "src": src.read_text(encoding="utf-8"),
                    "tgt": tgt.read_text(encoding="utf-8"),
                    "src_lang": sl,
                    "tgt_lang": tl,
                }
            )
    return docs


def children_cpu():
    """CPU seconds (user and system) of the finished child processes."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def cli_time(ura_bin, docs, copies):
    lines = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs * copies).encode()
    start = children_cpu()
    done = subprocess.run(
        [ura_bin, "batch", "--jsonl", "-", "--presegmented", "--quiet"],
        input=lines,
        capture_output=True,
        env=dict(os.environ, RAYON_NUM_THREADS="1"),
    )
    elapsed = children_cpu() - start
    assert done.returncode == 0, done.stderr.decode()
    return elapsed, done.stdout


def py_many_time(docs, copies, as_lists):
    pairs = []
    for d in docs * copies:
        if as_lists:
            src, tgt = d["src"].splitlines(), d["tgt"].splitlines()
        else:
            src, tgt = d["src"], d["tgt"]
        pairs.append({"src": src, "tgt": tgt, "src_lang": d["src_lang"], "tgt_lang": d["tgt_lang"]})
    start = time.process_time()
    out = ura.align_many(pairs, jobs=1, presegmented=True)
    # Formatting the beads as the command does, so the work is the same.
    text = "".join(a.to_jsonl() for a in out)
    return time.process_time() - start, text


def py_one_time(docs, copies):
    start = time.process_time()
    text = []
    for d in docs * copies:
        a = ura.align(d["src"], d["tgt"], d["src_lang"], d["tgt_lang"], presegmented=True)
        text.append(a.to_jsonl())
    return time.process_time() - start, "".join(text)


def best_per_copies(runs, repeat, rounds):
    """For each route, min over rounds of t(2R) - t(R); every round runs
    every route, so that a change of load on the machine hits all."""
    best = [float("inf")] * len(runs)
    for _ in range(rounds):
        for k, run in enumerate(runs):
            t1, _ = run(repeat)
            t2, _ = run(2 * repeat)
            best[k] = min(best[k], t2 - t1)
    return best


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--repeat", type=int, default=10)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--ura", default=str(ROOT / "target" / "release" / "ura"))
    p.add_argument("--eval-dev", default=str(ROOT.parent / "shared" / "eval-dev"))
    args = p.parse_args()
    docs = documents(Path(args.eval_dev))
    n_src = sum(len(d["src"].splitlines()) for d in docs)
    # The same beads both ways (ids aside), and the models loaded.
    _, cli_out = cli_time(args.ura, docs, 1)
    _, py_out = py_many_time(docs, 1, as_lists=False)
    strip = lambda out: [{k: v for k, v in json.loads(l).items() if k != "id"} for l in out.splitlines()]
    assert strip(cli_out) == strip(py_out), "the package's beads differ from the command's"
    py_one_time(docs, 1)
    r, k = args.repeat, args.rounds
    cli, many, lists, one = best_per_copies(
        [
            lambda c: cli_time(args.ura, docs, c),
            lambda c: py_many_time(docs, c, as_lists=False),
            lambda c: py_many_time(docs, c, as_lists=True),
            lambda c: py_one_time(docs, c),
        ],
        r,
        k,
    )
    n = n_src * r
    print(f"{len(docs)} documents x {r} ({n:,} source sentences), one thread, best of {k} rounds of t(2R) - t(R):")
    print("| route | CPU time | source sentences per CPU second | overhead over the command |")
    print("|---|---|---|---|")
    for name, t in [
        ("`ura batch --jsonl - --presegmented`", cli),
        ("`ura.align_many(texts, presegmented=True)`", many),
        ("`ura.align_many(lists of sentences)`", lists),
        ("`ura.align(text, text, presegmented=True)`, one call a pair", one),
    ]:
        over = "" if t is cli else f"{(t - cli) / cli * 100:+.1f}%"
        print(f"| {name} | {t:.2f} s | {n / t:,.0f} | {over} |")


if __name__ == "__main__":
    sys.exit(main())
