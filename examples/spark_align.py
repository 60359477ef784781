#!/usr/bin/env python3
"""Aligns a Spark DataFrame of document pairs with ura, two ways, on
local[2], and checks that they agree.

    pip install ./python pyspark pandas pyarrow    # Java 17 on the machine
    cargo build                                    # for the pipe route
    python examples/spark_align.py [DOCS.jsonl]

DOCS.jsonl holds one document pair per line, {"id", "src", "tgt",
"src_lang", "tgt_lang"} (the input of `ura batch --jsonl -`); without it,
the bundled pair and pairs cut from it are aligned.

1. The package: `mapInPandas` hands each partition's pairs, a pandas
   batch at a time, to `ura.align_many`, which aligns them in Rust
   threads without the GIL and gives one row per bead.
2. The command: `rdd.pipe("ura batch --jsonl -")` feeds a partition's
   pairs, one JSON line each, to one `ura` process and reads back one
   bead per line (scripts/spark-pipe.py checks this route alone).

Both give the beads `ura align` gives: id, src, tgt, src_idx, tgt_idx,
score (four decimals, as JSONL writes it), bead.
"""
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: The beads DataFrame's columns: those of a JSONL bead, and the pair's id.
BEAD_SCHEMA = (
    "id string, src string, tgt string, src_idx array<int>, tgt_idx array<int>, score double, bead string"
)
BEAD_FIELDS = ["src", "tgt", "src_idx", "tgt_idx", "score", "bead"]


def sample_documents():
    """The bundled pair, its paragraphs, and its runs of two paragraphs:
    36 pairs."""
    en = (ROOT / "data/unhcr/en.txt").read_text(encoding="utf-8")
    sq = (ROOT / "data/unhcr/sq.txt").read_text(encoding="utf-8")
    en_p, sq_p = en.split("\n\n"), sq.split("\n\n")
    docs = [{"id": "unhcr", "src": en, "tgt": sq}]
    docs += [{"id": f"para{k}", "src": en_p[3 + k], "tgt": sq_p[4 + k]} for k in range(15)]
    docs += [
        {"id": f"two{k}", "src": "\n\n".join(en_p[3 + k : 5 + k]), "tgt": "\n\n".join(sq_p[4 + k : 6 + k])}
        for k in range(20)
    ]
    for d in docs:
        d.update(src_lang="en", tgt_lang="sq")
    return docs


def align_partition(batches, jobs=1):
    """mapInPandas' function: pandas batches of pairs in, beads out.

    One thread per task (`jobs=1`) by default: Spark already runs a task
    per core; raise it for executors with fewer tasks than cores."""
    import pandas as pd

    import ura

    for batch in batches:
        pairs = [
            {"src": r.src, "tgt": r.tgt, "src_lang": r.src_lang, "tgt_lang": r.tgt_lang}
            for r in batch.itertuples(index=False)
        ]
        rows = []
        for doc_id, a in zip(batch["id"], ura.align_many(pairs, jobs=jobs)):
            # The JSONL writer's fields, scores to four places as it
            # writes them.
            for line in a.to_jsonl().splitlines():
                bead = json.loads(line)
                rows.append({"id": doc_id, **{k: bead[k] for k in BEAD_FIELDS}})
        yield pd.DataFrame(rows, columns=["id", *BEAD_FIELDS])


def align_with_package(df, jobs=1):
    """The beads of a DataFrame of pairs (id, src, tgt, src_lang,
    tgt_lang), through the Python package."""
    return df.mapInPandas(lambda it: align_partition(it, jobs), schema=BEAD_SCHEMA)


def align_with_pipe(sc, docs, ura_bin, partitions=4):
    """The beads of the pairs `docs` (dicts), through `ura batch --jsonl -`
    under `RDD.pipe`."""
    lines = [json.dumps(d, ensure_ascii=False) for d in docs]
    out = sc.parallelize(lines, partitions).pipe(f"{ura_bin} batch --jsonl -")
    return out.map(json.loads).collect()


def spark_session(app="ura"):
    """A local[2] session whose Python workers run this interpreter."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]")
        .appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "8")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def comparable(beads):
    """Beads as sorted, hashable rows, whatever order Spark gives them in."""
    return sorted(
        (b["id"], b["src"], b["tgt"], tuple(b["src_idx"]), tuple(b["tgt_idx"]), b["score"], b["bead"])
        for b in beads
    )


def main(argv):
    if len(argv) > 1:
        docs = [json.loads(l) for l in Path(argv[1]).read_text(encoding="utf-8").splitlines() if l.strip()]
    else:
        docs = sample_documents()
    ura_bin = os.environ.get("URA_BIN", str(ROOT / "target" / "debug" / "ura"))
    spark = spark_session("ura-align")
    try:
        df = spark.createDataFrame(docs).repartition(4)
        by_package = [r.asDict() for r in align_with_package(df).collect()]
        by_pipe = align_with_pipe(spark.sparkContext, docs, ura_bin)
    finally:
        spark.stop()
    assert comparable(by_package) == comparable(by_pipe), "the package and the command differ"
    print(f"{len(docs)} pairs, {len(by_package)} beads: mapInPandas through the package = rdd.pipe through ura batch")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
