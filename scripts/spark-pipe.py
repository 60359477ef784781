#!/usr/bin/env python3
"""Runs ura inside Spark with RDD.pipe, in local mode, and checks the
result against ura run directly.

    pip install pyspark        # Java 17 must be on the machine
    cargo build --release
    scripts/spark-pipe.py

Each RDD element is one document pair as a JSON line; `rdd.pipe` feeds a
partition's lines to one `ura batch --jsonl -` process and reads back one
bead per line, each carrying its document's id. Hadoop Streaming and GNU
parallel (`parallel --pipe -N 100 ura batch --jsonl -`) use the same
contract; they were not tried here.
"""
import json
import os
import subprocess
import sys

from pyspark import SparkContext

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
URA = os.path.join(ROOT, "target", "release", "ura")


def documents():
    """The bundled pair, and the bundled pair cut into its paragraphs."""
    en = open(os.path.join(ROOT, "data/unhcr/en.txt"), encoding="utf-8").read()
    sq = open(os.path.join(ROOT, "data/unhcr/sq.txt"), encoding="utf-8").read()
    docs = [{"id": "unhcr", "src": en, "tgt": sq, "src_lang": "en", "tgt_lang": "sq"}]
    en_p, sq_p = en.split("\n\n"), sq.split("\n\n")
    for k in range(15):
        docs.append({"id": f"para{k}", "src": en_p[3 + k], "tgt": sq_p[4 + k], "src_lang": "en", "tgt_lang": "sq"})
    return docs


def main():
    docs = documents()
    lines = [json.dumps(d, ensure_ascii=False) for d in docs]
    sc = SparkContext("local[2]", "ura-pipe")
    sc.setLogLevel("ERROR")
    try:
        beads = sc.parallelize(lines, 4).pipe(f"{URA} batch --jsonl -").map(json.loads).collect()
    finally:
        sc.stop()
    by_doc = {}
    for b in beads:
        by_doc.setdefault(b["id"], []).append(b)
    direct = subprocess.run([URA, "batch", "--jsonl", "-"], input="\n".join(lines) + "\n",
                            capture_output=True, text=True, check=True).stdout
    direct_beads = [json.loads(l) for l in direct.splitlines()]
    assert sorted(by_doc) == sorted(d["id"] for d in docs), "every document came back"
    assert sorted(map(json.dumps, beads)) == sorted(map(json.dumps, direct_beads)), "same beads as ura alone"
    print(f"Spark pipe: {len(docs)} documents in 4 partitions, {len(beads)} beads, identical to ura run directly")


if __name__ == "__main__":
    sys.exit(main())
