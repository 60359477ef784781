"""Shared fixtures: the repository, the bundled pair, and the `ura`
command the package is compared with (the debug binary cargo builds)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EN = ROOT / "data" / "unhcr" / "en.txt"
SQ = ROOT / "data" / "unhcr" / "sq.txt"


def _find_ura():
    """$URA_BIN, else target/debug/ura (built with cargo when missing)."""
    given = os.environ.get("URA_BIN")
    if given:
        return Path(given)
    binary = ROOT / "target" / "debug" / "ura"
    if not binary.exists():
        if shutil.which("cargo") is None:
            pytest.skip("no ura binary to compare with: set URA_BIN or run cargo build")
        subprocess.run(["cargo", "build", "--quiet", "--bin", "ura"], cwd=ROOT, check=True)
    return binary


@pytest.fixture(scope="session")
def ura_bin():
    return _find_ura()


@pytest.fixture(scope="session")
def cli(ura_bin):
    """Runs `ura ARGS...` and returns its standard output."""

    def run(*args, input=None):
        env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
        done = subprocess.run(
            [str(ura_bin), *map(str, args)],
            input=input,
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    return run


@pytest.fixture(scope="session")
def cli_beads(cli):
    """The beads of `ura align SRC TGT -f jsonl [FLAGS]`, parsed."""

    def run(src, tgt, *flags):
        out = cli("align", src, tgt, "-f", "jsonl", *flags)
        return [json.loads(line) for line in out.splitlines()]

    return run


@pytest.fixture(scope="session")
def unhcr():
    return EN.read_text(encoding="utf-8"), SQ.read_text(encoding="utf-8")


def as_jsonl_fields(beads):
    """Beads as the JSONL objects `ura align -f jsonl` writes (score to
    four decimals, as it writes it)."""
    out = []
    for b in beads:
        d = b.to_dict()
        d["score"] = float(f"{b.score:.4f}")
        out.append(d)
    return out


def same_beads(py_beads, cli_beads):
    """Asserts the beads are the command's, field by field (scores within
    the rounding of JSONL's four decimals)."""
    assert len(py_beads) == len(cli_beads)
    for k, (p, c) in enumerate(zip(py_beads, cli_beads)):
        assert (p.src_idx, p.tgt_idx, p.src, p.tgt, p.bead) == (
            c["src_idx"],
            c["tgt_idx"],
            c["src"],
            c["tgt"],
            c["bead"],
        ), f"bead {k}"
        assert abs(p.score - c["score"]) <= 0.00005 + 1e-12, f"bead {k}: {p.score} vs {c['score']}"
        assert p.src_block == c.get("src_block") and p.tgt_block == c.get("tgt_block")
