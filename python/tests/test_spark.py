"""examples/spark_align.py on local[2]: mapInPandas through the package
and rdd.pipe through `ura batch --jsonl -` both give the command's beads."""

import importlib.util
import json

import pytest

from conftest import EN, ROOT, SQ

for module in ("pyspark", "pandas", "pyarrow"):
    pytest.importorskip(module, reason=f"{module} is not installed: pip install pyspark pandas pyarrow (CI does)")


def load_example():
    spec = importlib.util.spec_from_file_location("spark_align", ROOT / "examples" / "spark_align.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_both_spark_routes_give_the_commands_beads(cli, ura_bin):
    example = load_example()
    docs = example.sample_documents()
    assert len(docs) == 36
    # The command alone, one process for every pair.
    lines = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    direct = [json.loads(l) for l in cli("batch", "--jsonl", "-", input=lines).splitlines()]
    # ... which for the bundled pair is what `ura align` writes.
    unhcr = [{k: v for k, v in b.items() if k != "id"} for b in direct if b["id"] == "unhcr"]
    assert unhcr == [json.loads(l) for l in cli("align", EN, SQ, "-f", "jsonl").splitlines()]
    spark = example.spark_session("ura-test")
    try:
        df = spark.createDataFrame(docs).repartition(4)
        assert df.rdd.getNumPartitions() == 4
        by_package = [r.asDict() for r in example.align_with_package(df).collect()]
        by_pipe = example.align_with_pipe(spark.sparkContext, docs, ura_bin)
    finally:
        spark.stop()
    expected = example.comparable(direct)
    assert example.comparable(by_package) == expected
    assert example.comparable(by_pipe) == expected
    assert {b["id"] for b in by_package} == {d["id"] for d in docs}
