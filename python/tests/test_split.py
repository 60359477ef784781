"""ura.split splits as `ura split` does; offsets are characters."""

import json

import ura
from conftest import SQ


def test_split_is_the_commands_with_character_offsets(cli):
    text = SQ.read_text(encoding="utf-8")
    got = ura.split(text, "sq")
    expected = [json.loads(l) for l in cli("split", "--lang", "sq", SQ, "-f", "jsonl").splitlines()]
    raw = text.encode("utf-8")
    assert [(s.text, s.paragraph) for s in got] == [(e["text"], e["paragraph"]) for e in expected]
    # The command's offsets are bytes, the package's characters of the str.
    assert [text[s.start:s.end] for s in got] == [raw[e["start"]:e["end"]].decode() for e in expected]
    assert any(len(text[: s.start].encode()) != s.start for s in got), "the text has non-ASCII letters"


def test_line_modes():
    text = "One\ntwo.\n\nThree."
    assert [s.text for s in ura.split(text, "en")] == ["One", "two.", "Three."]
    assert [s.text for s in ura.split(text, "en", wrapped=True)] == ["One two.", "Three."]
    assert [(s.text, s.paragraph) for s in ura.split("A. B.\nC.", "en", presegmented=True)] == [
        ("A. B.", 0),
        ("C.", 0),
    ]


def test_offsets_point_into_the_text():
    text = "Ça va? Très  bien.\n\nMerci."
    got = ura.split(text, "fr")
    assert [(text[s.start:s.end], s.text, s.paragraph) for s in got] == [
        ("Ça va?", "Ça va?", 0),
        ("Très  bien.", "Très bien.", 0),
        ("Merci.", "Merci.", 1),
    ]
