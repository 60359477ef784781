"""ura.align gives the beads, and writes the files, that `ura align`
gives and writes."""

import json

import pytest

import ura
from conftest import EN, SQ, same_beads


def test_the_bundled_pair_aligns_to_the_commands_beads(unhcr, cli_beads):
    en, sq = unhcr
    expected = cli_beads(EN, SQ)
    a = ura.align(en, sq, "en", "sq")
    same_beads(a.beads, expected)
    assert (a.src_lang, a.tgt_lang) == ("en", "sq")
    # Every sentence is in exactly one bead, in order.
    assert [i for b in a.beads for i in b.src_idx] == list(range(len(a.src_sentences)))
    assert [i for b in a.beads for i in b.tgt_idx] == list(range(len(a.tgt_sentences)))


def test_jsonl_is_the_commands_byte_for_byte(unhcr, cli):
    en, sq = unhcr
    assert ura.align(en, sq, "en", "sq").to_jsonl() == cli("align", EN, SQ, "-f", "jsonl")


def test_documents_take_their_language_from_the_file_name_as_the_command_does(cli_beads):
    a = ura.align(ura.read_document(EN), ura.read_document(SQ))
    assert (a.src_lang, a.tgt_lang) == ("en", "sq")
    same_beads(a.beads, cli_beads(EN, SQ))


def test_without_languages_they_are_detected(unhcr, cli_beads):
    en, sq = unhcr
    a = ura.align(en, sq)
    assert (a.src_lang, a.tgt_lang) == ("en", "sq")
    assert any("detected from the text" in n for n in a.notes), a.notes
    same_beads(a.beads, cli_beads(EN, SQ))


def test_bytes_are_decoded_as_a_file_is(unhcr, cli_beads):
    en, sq = unhcr
    # UTF-16 with a byte-order mark, as a Windows editor saves it.
    a = ura.align(en.encode("utf-16"), sq.encode("utf-8"), "en", "sq")
    same_beads(a.beads, cli_beads(EN, SQ))


def test_the_writers_are_the_commands(unhcr, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    en, sq = unhcr
    a = ura.align(en, sq, "en", "sq")
    assert a.to_tmx() == cli("align", EN, SQ, "-f", "tmx")
    assert a.to_csv() == cli("align", EN, SQ, "-f", "csv")
    assert a.to_csv(excel=True) == cli("align", EN, SQ, "-f", "csv", "--excel")
    assert a.to_tsv() == cli("align", EN, SQ, "-f", "tsv")
    out = tmp_path / "tm.tmx"
    assert a.to_tmx(out) is None
    assert out.read_text(encoding="utf-8") == cli("align", EN, SQ, "-f", "tmx")
    a.to_jsonl(str(tmp_path / "a.jsonl"))
    assert (tmp_path / "a.jsonl").read_text(encoding="utf-8") == a.to_jsonl()


def test_options_are_the_commands_flags(unhcr, cli_beads, tmp_path):
    en, sq = unhcr
    same_beads(
        ura.align(en, sq, "en", "sq", keep_unaligned="merge").beads,
        cli_beads(EN, SQ, "--keep-unaligned", "merge"),
    )
    same_beads(
        ura.align(en, sq, "en", "sq", min_score=0.9).beads,
        cli_beads(EN, SQ, "--min-score", "0.9"),
    )
    same_beads(ura.align(en, sq, "en", "sq", wrapped=True).beads, cli_beads(EN, SQ, "--wrapped"))
    d = tmp_path / "dict.txt"
    d.write_text("refugjat @ refugees\nUNHCR @ UNHCR\nbad line\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="not 'target @ source'"):
        with_file = ura.align(en, sq, "en", "sq", dictionary=d)
    same_beads(with_file.beads, cli_beads(EN, SQ, "--dict", d))
    with_pairs = ura.align(en, sq, "en", "sq", dictionary=[("refugees", "refugjat"), ("UNHCR", "UNHCR")])
    assert [b.to_dict() for b in with_pairs.beads] == [b.to_dict() for b in with_file.beads]


def test_aligner_options_reach_the_aligner():
    src = ["One.", "Two, three and four.", "Five."]
    tgt = ["Një.", "Dy,", "tre", "e katër.", "Pesë."]
    fields = lambda a: [(b.src_idx, b.tgt_idx, b.score) for b in a.beads]
    default = fields(ura.align(src, tgt, "en", "sq"))
    assert default[1][:2] == ([1], [1, 2, 3])
    # One sentence a side at most in the search: the 1-3 is not found.
    assert ([1], [1, 2, 3]) not in [f[:2] for f in fields(ura.align(src, tgt, "en", "sq", max_bead=1))]
    for option in [{"max_bead": 2}, {"temperature": 4.0}, {"learn_lexicon": False}]:
        assert fields(ura.align(src, tgt, "en", "sq", **option)) != default, option
    assert fields(ura.align(src, tgt, "en", "sq", band=50, learn_lexicon=True)) == default


def test_sentence_lists_are_a_presegmented_text(cli_beads, tmp_path):
    src = ["He was born in 1950.", "He  died in 2010.", "", "The end."]
    tgt = ["Ai lindi në 1950.", "Vdiq në 2010.", "", "Fundi."]
    (tmp_path / "en.txt").write_text("\n".join(src) + "\n", encoding="utf-8")
    (tmp_path / "sq.txt").write_text("\n".join(tgt) + "\n", encoding="utf-8")
    expected = cli_beads(tmp_path / "en.txt", tmp_path / "sq.txt", "--presegmented")
    # A blank line of the file ends a paragraph: the list gives the ids.
    keep = lambda side: [s for s in side if s]
    a = ura.align(keep(src), keep(tgt), "en", "sq", src_paragraphs=[0, 0, 1], tgt_paragraphs=[0, 0, 1])
    same_beads(a.beads, expected)
    assert a.src_sentences[1] == "He died in 2010."  # normalised, as the command does


def test_required_beads_are_kept():
    src = ["He was born in 1950.", "He died in 2010.", "The end."]
    tgt = ["Ai lindi në 1950.", "Vdiq në 2010.", "Fundi."]
    a = ura.align(src, tgt, "en", "sq", required=[([0, 1], [0])])
    assert (a.beads[0].src_idx, a.beads[0].tgt_idx) == ([0, 1], [0])
    with pytest.raises(ValueError, match="required"):
        ura.align(src, tgt, "en", "sq", required=[([1], [0]), ([0], [1])])


def test_an_unknown_language_is_und_and_a_tmx_says_what_to_set():
    with pytest.warns(UserWarning, match="cannot tell the language of the (source|target)"):
        a = ura.align(["1."], ["2."])
    assert a.src_lang == "und"
    with pytest.raises(ValueError, match="src_lang"):
        a.to_tmx()


def test_read_document_reads_what_the_command_reads(tmp_path, cli):
    page = tmp_path / "page_en.html"
    page.write_text("<html><body><main><h1>Title</h1><p>One. Two.</p></main></body></html>", encoding="utf-8")
    doc = ura.read_document(page)
    assert doc.format == "html"
    assert [k for k, _, _ in doc.blocks] == ["heading-1", "paragraph"]
    got = [(s.text, s.paragraph, doc.text[s.start:s.end]) for s in doc.split()]
    expected = [json.loads(l) for l in cli("split", page, "-f", "jsonl").splitlines()]
    raw = doc.text.encode("utf-8")
    assert got == [(e["text"], e["paragraph"], raw[e["start"]:e["end"]].decode()) for e in expected]


def test_the_package_docs_example_holds():
    import doctest

    assert doctest.testmod(ura).failed == 0
