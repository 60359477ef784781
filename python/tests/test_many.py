"""ura.align_many: one-by-one's results, in input order, whatever the
number of threads."""

import pytest

import ura


def pairs_of(unhcr):
    """The bundled pair, and the pair cut into its paragraphs (as
    scripts/spark-pipe.py cuts it)."""
    en, sq = unhcr
    en_p, sq_p = en.split("\n\n"), sq.split("\n\n")
    return [(en, sq)] + [(en_p[3 + k], sq_p[4 + k]) for k in range(15)]


def fields(alignment):
    return [b.to_dict() for b in alignment.beads], alignment.src_lang, alignment.tgt_lang


def test_align_many_equals_one_by_one_whatever_the_jobs(unhcr):
    pairs = pairs_of(unhcr)
    one_by_one = [fields(ura.align(s, t, "en", "sq")) for s, t in pairs]
    for jobs in (None, 1, 2, 3):
        got = ura.align_many(pairs, jobs=jobs, src_lang="en", tgt_lang="sq")
        assert [fields(a) for a in got] == one_by_one, f"jobs={jobs}"


def test_pairs_as_tuples_of_four_and_dicts(unhcr):
    pairs = pairs_of(unhcr)[1:4]
    expected = [fields(ura.align(s, t, "en", "sq")) for s, t in pairs]
    four = ura.align_many([(s, t, "en", "sq") for s, t in pairs])
    dicts = ura.align_many(({"src": s, "tgt": t, "src_lang": "en", "tgt_lang": "sq"} for s, t in pairs), jobs=2)
    assert [fields(a) for a in four] == expected
    assert [fields(a) for a in dicts] == expected


def test_a_failing_pair_is_named():
    with pytest.raises(ValueError, match=r"^pair 1: the source: invalid UTF-8 at byte 3; if it is in a legacy encoding"):
        ura.align_many([("One.", "Një."), (b"\xe2\x82\xac\xff", "Një.")], src_lang="en", tgt_lang="sq")
    with pytest.raises(TypeError, match=r"^pair 2: src is None"):
        ura.align_many([("a", "b"), ("a", "b"), (None, "b")])


def test_no_pairs_is_no_alignments():
    assert ura.align_many([]) == []
